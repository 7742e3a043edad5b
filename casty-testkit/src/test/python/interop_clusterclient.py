"""Interop check of a casty_sample cluster with Casty's own Python ``ClusterClient``.

Usage::

    CASTY_SRC=/path/to/casty python interop_clusterclient.py \
        --contact 127.0.0.1:25601 --system casty-sample

Steps: wait for a topology snapshot and print members/leader (stderr); send
``casty_sample.messages.Increment(amount + i)`` to 20 ``counter`` entities
``<id-prefix>-<i>`` (100 shards) and check each ``GetCount`` reply against the
exact expected total (a baseline is read first; the default prefix is unique
per run, so the baseline is 0 and concurrent runs do not interfere); look
up service key ``payment``, ask ``GetStatus``, tell ``ProcessPayment`` and
check that the next ``GetStatus`` counted it.  Prints one JSON line; exit
status 0 on success, 1 with a ``reason`` otherwise.

The client uses ``JsonSerializer`` and a unique identity ``client_host`` (default
``-interop-<pid>``), never the shared default ``127.0.0.1:0``.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import json
import os
import sys
import time
from typing import Any

_HERE = os.path.dirname(os.path.abspath(__file__))
_SAMPLE_DEFAULT = os.path.normpath(os.path.join(_HERE, "../../../../sample-app/src/main/python"))

ENTITY_COUNT = 20


def _address(value: str) -> tuple[str, int]:
    host, sep, port = value.rpartition(":")
    if not sep or not host or not port.isdigit():
        raise argparse.ArgumentTypeError(f"expected host:port, got {value!r}")
    return host, int(port)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contact", type=_address, action="append", required=True, help="host:port (repeatable)")
    parser.add_argument("--system", default="casty-sample", help="cluster (actor system) name")
    parser.add_argument("--amount", type=int, default=7, help="Increment amount per entity")
    parser.add_argument("--client-host", default=f"-interop-{os.getpid()}", help="client identity host")
    parser.add_argument(
        "--id-prefix",
        default=f"interop-{os.getpid()}-{int(time.time())}",
        help="entity id prefix (default unique per run, so totals start at 0)",
    )
    parser.add_argument("--sample-path", default=_SAMPLE_DEFAULT, help="directory containing casty_sample/")
    parser.add_argument("--timeout", type=float, default=10.0, help="per-ask timeout, seconds")
    parser.add_argument("--snapshot-timeout", type=float, default=30.0, help="wait for topology, seconds")
    parser.add_argument(
        "--service-timeout", type=float, default=15.0, help="wait for 'payment' to appear in the registry, seconds"
    )
    return parser.parse_args(argv)


def _ensure_imports(sample_path: str) -> None:
    """Put casty_sample and Casty (``$CASTY_SRC``) on ``sys.path``."""
    if sample_path not in sys.path:
        sys.path.insert(0, sample_path)
    importlib.import_module("casty_sample").ensure_casty()


class CheckFailed(Exception):
    """A verification step failed; the message is the reason."""


async def run(args: argparse.Namespace) -> dict[str, Any]:
    """Run all checks; raises :class:`CheckFailed` on the first failure."""
    from casty import ClusterClient, JsonSerializer, ServiceKey, ShardEnvelope, TypeRegistry

    from casty_sample.messages import (
        COUNTER_SHARD_TYPE,
        NUM_SHARDS,
        PAYMENT_SERVICE_KEY,
        GetCount,
        GetStatus,
        Increment,
        PaymentStatus,
        ProcessPayment,
    )

    result: dict[str, Any] = {"system": args.system, "client_host": args.client_host}
    t0 = time.perf_counter()
    async with ClusterClient(
        contact_points=list(args.contact),
        system_name=args.system,
        client_host=args.client_host,
        serializer=JsonSerializer(TypeRegistry()),
    ) as client:
        # 1. topology (ClusterClient has no public accessor; poll its cache)
        deadline = time.monotonic() + args.snapshot_timeout
        while (snapshot := getattr(client, "_last_snapshot", None)) is None:
            if time.monotonic() > deadline:
                raise CheckFailed(f"no topology snapshot within {args.snapshot_timeout}s")
            await asyncio.sleep(0.02)
        result["first_snapshot_s"] = round(time.perf_counter() - t0, 3)
        members = sorted(
            (f"{m.address.host}:{m.address.port}", m.id, m.status.name) for m in snapshot.members
        )
        leader = snapshot.leader
        result["members"] = [{"address": a, "id": i, "status": s} for a, i, s in members]
        result["leader"] = f"{leader.host}:{leader.port}" if leader else None
        print(f"members: {', '.join(f'{i}@{a}({s})' for a, i, s in members)}; leader: {result['leader']}",
              file=sys.stderr)
        if leader is None:
            raise CheckFailed("topology snapshot has no leader")

        # 2. counter entities
        counter = client.entity_ref(COUNTER_SHARD_TYPE, num_shards=NUM_SHARDS)
        ids = [f"{args.id_prefix}-{i}" for i in range(ENTITY_COUNT)]
        amounts = {eid: args.amount + i for i, eid in enumerate(ids)}  # distinct totals catch crossed replies

        async def get_count(eid: str) -> int:
            return await client.ask(counter, lambda r: ShardEnvelope(eid, GetCount(reply_to=r)), timeout=args.timeout)

        try:
            before = dict(zip(ids, await asyncio.gather(*(get_count(e) for e in ids))))
        except TimeoutError as exc:
            raise CheckFailed("GetCount (baseline) timed out") from exc
        for eid in ids:
            counter.tell(ShardEnvelope(eid, Increment(amounts[eid])))
        try:
            after = dict(zip(ids, await asyncio.gather(*(get_count(e) for e in ids))))
        except TimeoutError as exc:
            raise CheckFailed("GetCount (after Increment) timed out") from exc
        wrong = {e: (before[e], after[e]) for e in ids if after[e] != before[e] + amounts[e]}
        result["counter"] = {"entities": len(ids), "id_prefix": args.id_prefix,
                             "totals": [after[e] for e in ids], "ok": not wrong}
        if wrong:
            raise CheckFailed(f"wrong counts (before, after): {wrong}")
        owners = {}
        for shard_id, alloc in (getattr(client, "_last_snapshot", None) or snapshot).shard_allocations.get(
            COUNTER_SHARD_TYPE, {}
        ).items():
            key = f"{alloc.primary.host}:{alloc.primary.port}"
            owners[key] = owners.get(key, 0) + 1
        result["counter"]["shards_by_node"] = dict(sorted(owners.items()))

        # 3. payment service
        # The registry reaches the client with later snapshots (gossip), so poll for it.
        deadline = time.monotonic() + args.service_timeout
        while not (listing := client.lookup(ServiceKey(PAYMENT_SERVICE_KEY))).instances:
            if time.monotonic() > deadline:
                raise CheckFailed(
                    f"service key 'payment' not in the topology registry after {args.service_timeout}s"
                )
            await asyncio.sleep(0.1)
        instances = sorted(listing.instances, key=lambda i: (i.node.host, i.node.port))
        statuses = []
        for instance in instances:
            try:
                status = await client.ask(instance.ref, lambda r: GetStatus(reply_to=r), timeout=args.timeout)
            except TimeoutError as exc:
                raise CheckFailed(f"GetStatus to {instance.node.host}:{instance.node.port} timed out") from exc
            if not isinstance(status, PaymentStatus):
                raise CheckFailed(f"unexpected GetStatus reply {status!r}")
            instance.ref.tell(ProcessPayment(amount=args.amount))
            try:
                after_pay = await client.ask(instance.ref, lambda r: GetStatus(reply_to=r), timeout=args.timeout)
            except TimeoutError as exc:
                raise CheckFailed("GetStatus after ProcessPayment timed out") from exc
            if not isinstance(after_pay, PaymentStatus) or after_pay.processed != status.processed + 1:
                raise CheckFailed(f"ProcessPayment not counted: {status!r} -> {after_pay!r}")
            status = after_pay
            expected_node = f"{instance.node.host}:{instance.node.port}"
            if status.node != expected_node:
                raise CheckFailed(f"PaymentStatus.node {status.node!r} != registry node {expected_node!r}")
            statuses.append({"node": status.node, "processed": status.processed,
                             "path": str(instance.ref.address.path)})
        result["payment"] = statuses
    result["elapsed_s"] = round(time.perf_counter() - t0, 3)
    return result


def main(argv: list[str] | None = None) -> int:
    """Entry point; prints one JSON line and returns the exit status."""
    args = parse_args(argv)
    try:
        _ensure_imports(args.sample_path)
        result = asyncio.run(run(args))
        result["ok"] = True
    except SystemExit as exc:  # ensure_casty failure
        result = {"ok": False, "reason": str(exc)}
    except CheckFailed as exc:
        result = {"ok": False, "reason": str(exc)}
    except Exception as exc:  # noqa: BLE001 - any other failure is a failed check
        result = {"ok": False, "reason": f"{type(exc).__name__}: {exc}"}
    print(json.dumps(result), flush=True)
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
