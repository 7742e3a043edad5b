"""Benchmark a casty_bench cluster through Casty's own Python ``ClusterClient``.

Usage::

    python client_bench.py --contact 127.0.0.1:25611 --system casty-bench \
        --tells 10000 --asks 2000 --concurrency 1,64

Measures, against shard type ``bench`` (100 shards):

* tell throughput: N ``casty_bench.Add(1)`` tells round robin over K fresh
  entities (``--tell-entities``, default 64), then a ``Get`` to each whose
  replies must sum to the exact expected total (the time runs from the first
  tell until the last reply);
* client CPU (``usage``): ``time.process_time()`` of this process over each
  phase, per 1,000 messages;
* ask throughput: for each concurrency level C, N ``casty_bench.Ping(seq)``
  asks issued by C concurrent workers over 64 entities, each reply checked to
  be the same ``seq``, with latency percentiles (p50/p99/p999, milliseconds).

The client uses ``JsonSerializer`` and a unique identity (``client_host``,
default ``-pybench-<pid>``) so that several clients never share the default
``127.0.0.1:0`` identity.  Prints one JSON object; exits 0 when every check
passed, 1 otherwise.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import time
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from casty_bench import BENCH_SHARD_TYPE, NUM_SHARDS, Add, Get, Ping, ensure_casty  # noqa: E402

PING_ENTITIES = 64


def _address(value: str) -> tuple[str, int]:
    host, sep, port = value.rpartition(":")
    if not sep or not host or not port.isdigit():
        raise argparse.ArgumentTypeError(f"expected host:port, got {value!r}")
    return host, int(port)


def _levels(value: str) -> list[int]:
    try:
        levels = [int(v) for v in value.split(",") if v.strip()]
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"expected a comma list of integers, got {value!r}") from exc
    if not levels or min(levels) < 1:
        raise argparse.ArgumentTypeError(f"expected positive integers, got {value!r}")
    return levels


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(description="ClusterClient benchmark for casty_bench clusters")
    parser.add_argument("--contact", type=_address, action="append", required=True, help="host:port (repeatable)")
    parser.add_argument("--system", default="casty-bench", help="cluster (actor system) name")
    parser.add_argument("--tells", type=int, default=10_000, help="number of Add tells")
    parser.add_argument(
        "--tell-entities", type=int, default=64, help="fresh entities the tells go round robin over (default 64)"
    )
    parser.add_argument("--asks", type=int, default=2_000, help="number of Ping asks per concurrency level")
    parser.add_argument(
        "--asks-at-one", type=int, default=None, help="number of Ping asks at concurrency 1 (default: --asks)"
    )
    parser.add_argument(
        "--concurrency", type=_levels, default=[16], help="concurrent askers, a comma list (default 16)"
    )
    parser.add_argument("--client-host", default=f"-pybench-{os.getpid()}", help="client identity host")
    parser.add_argument("--timeout", type=float, default=10.0, help="per-ask timeout, seconds")
    parser.add_argument("--snapshot-timeout", type=float, default=30.0, help="wait for first topology, seconds")
    return parser.parse_args(argv)


def _percentile(sorted_values: list[float], q: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    if not sorted_values:
        return float("nan")
    rank = max(1, min(len(sorted_values), int(-(-q * len(sorted_values) // 1))))
    return sorted_values[rank - 1]


async def _wait_for_snapshot(client: Any, timeout: float) -> Any:
    """Poll the client's cached topology (``ClusterClient`` has no public accessor)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        snapshot = getattr(client, "_last_snapshot", None)
        if snapshot is not None:
            return snapshot
        await asyncio.sleep(0.02)
    raise TimeoutError(f"no topology snapshot within {timeout}s")


async def run(args: argparse.Namespace) -> dict[str, Any]:
    """Run the benchmark and return the result object."""
    from casty import ClusterClient, JsonSerializer, ShardEnvelope, TypeRegistry

    result: dict[str, Any] = {
        "contact": [f"{h}:{p}" for h, p in args.contact],
        "system": args.system,
        "client_host": args.client_host,
    }
    t0 = time.perf_counter()
    async with ClusterClient(
        contact_points=list(args.contact),
        system_name=args.system,
        client_host=args.client_host,
        serializer=JsonSerializer(TypeRegistry()),
    ) as client:
        snapshot = await _wait_for_snapshot(client, args.snapshot_timeout)
        result["first_snapshot_s"] = round(time.perf_counter() - t0, 3)
        result["members"] = sorted(
            f"{m.address.host}:{m.address.port}={m.status.name}" for m in snapshot.members
        )
        bench = client.entity_ref(BENCH_SHARD_TYPE, num_shards=NUM_SHARDS)

        # ── tells ────────────────────────────────────────────────────
        stamp = f"{os.getpid()}-{time.time_ns()}"
        entities = [f"tell-{stamp}-{i}" for i in range(max(1, args.tell_entities))]

        async def totals() -> list[int]:
            return list(
                await asyncio.gather(
                    *(
                        client.ask(bench, lambda r, e=e: ShardEnvelope(e, Get(reply_to=r)), timeout=max(args.timeout, 60.0))
                        for e in entities
                    )
                )
            )

        warm = time.perf_counter()
        initial = sum(await totals())
        result["first_ask_s"] = round(time.perf_counter() - warm, 3)
        start = time.perf_counter()
        cpu_start = time.process_time()
        for i in range(args.tells):
            bench.tell(ShardEnvelope(entities[i % len(entities)], Add(1)))
        submitted = time.perf_counter() - start
        total = sum(await totals())
        elapsed = time.perf_counter() - start
        tell_cpu_ms = (time.process_time() - cpu_start) * 1000.0
        expected = initial + args.tells
        result["tell"] = {
            "n": args.tells,
            "entities": len(entities),
            "submit_s": round(submitted, 4),
            "elapsed_s": round(elapsed, 4),
            "per_sec": round(args.tells / elapsed, 1) if elapsed > 0 else None,
            "expected_total": expected,
            "observed_total": total,
            "ok": total == expected,
            "usage": _usage(tell_cpu_ms, args.tells),
        }

        # ── asks ─────────────────────────────────────────────────────
        ids = [f"ping-{i}" for i in range(PING_ENTITIES)]
        for eid in ids:  # warm-up: allocate shards, spawn entities
            await client.ask(bench, lambda r, e=eid: ShardEnvelope(e, Ping(-1, reply_to=r)), timeout=args.timeout)
        result["ask"] = {}
        for level in args.concurrency:
            n = args.asks_at_one if (level == 1 and args.asks_at_one is not None) else args.asks
            result["ask"][str(level)] = await _asks(client, bench, ids, n, level, args.timeout)
        last = getattr(client, "_last_snapshot", None) or snapshot
        per_node: dict[str, int] = {}
        for alloc in last.shard_allocations.get(BENCH_SHARD_TYPE, {}).values():
            key = f"{alloc.primary.host}:{alloc.primary.port}"
            per_node[key] = per_node.get(key, 0) + 1
        result["bench_shards_by_node"] = dict(sorted(per_node.items()))
    result["ok"] = result["tell"]["ok"] and all(level["ok"] for level in result["ask"].values())
    return result


async def _asks(client: Any, bench: Any, ids: list[str], n: int, concurrency: int, timeout: float) -> dict[str, Any]:
    """N Ping asks over the entities with C concurrent workers; every reply must be its seq."""
    from casty import ShardEnvelope

    latencies: list[float] = []
    errors: list[str] = []
    counter = iter(range(n))

    async def worker() -> None:
        for seq in counter:
            eid = ids[seq % len(ids)]
            t = time.perf_counter()
            try:
                reply = await client.ask(
                    bench, lambda r, e=eid, s=seq: ShardEnvelope(e, Ping(s, reply_to=r)), timeout=timeout
                )
            except TimeoutError:
                errors.append(f"timeout seq={seq}")
                continue
            latencies.append((time.perf_counter() - t) * 1000.0)
            if reply != seq:
                errors.append(f"seq={seq} reply={reply!r}")

    start = time.perf_counter()
    cpu_start = time.process_time()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    elapsed = time.perf_counter() - start
    cpu_ms = (time.process_time() - cpu_start) * 1000.0
    latencies.sort()
    return {
        "n": n,
        "concurrency": concurrency,
        "elapsed_s": round(elapsed, 4),
        "per_sec": round(len(latencies) / elapsed, 1) if elapsed > 0 else None,
        "latency_ms": {
            "p50": round(_percentile(latencies, 0.50), 3),
            "p99": round(_percentile(latencies, 0.99), 3),
            "p999": round(_percentile(latencies, 0.999), 3),
            "max": round(latencies[-1], 3) if latencies else None,
            "mean": round(statistics.fmean(latencies), 3) if latencies else None,
        },
        "errors": len(errors),
        "first_errors": errors[:5],
        "ok": not errors and len(latencies) == n,
        "usage": _usage(cpu_ms, n),
    }


def _usage(cpu_ms: float, messages: int) -> dict[str, float]:
    """CPU of this whole process (every thread) over a phase, as the Java report names it."""
    return {
        "client_cpu_ms": round(cpu_ms, 3),
        "client_cpu_ms_per_1000": round(cpu_ms * 1000.0 / messages, 3) if messages else 0.0,
    }


def main(argv: list[str] | None = None) -> int:
    """Entry point; prints one JSON object."""
    args = parse_args(argv)
    try:
        ensure_casty()
        result = asyncio.run(run(args))
    except SystemExit as exc:  # casty not importable
        result = {"ok": False, "error": str(exc)}
    except Exception as exc:  # noqa: BLE001 - report any failure as JSON
        result = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
    print(json.dumps(result), flush=True)
    return 0 if result.get("ok") else 1


if __name__ == "__main__":
    sys.exit(main())
