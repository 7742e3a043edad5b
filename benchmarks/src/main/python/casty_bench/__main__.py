"""Launcher: ``python -m casty_bench --host H --port P --seed H:P --system S --node-id N``.

Starts one Casty v0.21.0 cluster node (JSON serializer) hosting shard type
``bench`` (100 shards), prints a ready line and runs until SIGINT/SIGTERM.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import signal

from casty_bench import BENCH_SHARD_TYPE, NUM_SHARDS, bench_entity, ensure_casty


def _address(value: str) -> tuple[str, int]:
    host, sep, port = value.rpartition(":")
    if not sep or not host or not port.isdigit():
        raise argparse.ArgumentTypeError(f"expected host:port, got {value!r}")
    return host, int(port)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Parse the launcher's command line."""
    parser = argparse.ArgumentParser(prog="python -m casty_bench", description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1", help="advertised and bind host (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=25520, help="TCP port (default 25520)")
    parser.add_argument("--seed", type=_address, action="append", default=[], help="seed host:port (repeatable)")
    parser.add_argument("--system", default="casty-bench", help="actor system (cluster) name")
    parser.add_argument("--node-id", required=True, help="unique node id")
    parser.add_argument("--wait-for", type=int, default=0, metavar="N", help="print ready once N members are up")
    parser.add_argument("--log-level", default="WARNING", help="Python logging level (default WARNING)")
    return parser.parse_args(argv)


async def run_node(args: argparse.Namespace) -> None:
    """Run the node until SIGINT/SIGTERM."""
    from casty import Behaviors, ClusteredActorSystem, JsonSerializer, TypeRegistry

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)

    system = ClusteredActorSystem(
        name=args.system,
        host=args.host,
        port=args.port,
        node_id=args.node_id,
        seed_nodes=tuple(args.seed),
        serializer=JsonSerializer(TypeRegistry()),
    )
    async with system:
        system.spawn(Behaviors.sharded(bench_entity, num_shards=NUM_SHARDS), BENCH_SHARD_TYPE)
        if args.wait_for > 1:
            await system.wait_for(args.wait_for, timeout=120.0)
        ready = {
            "system": args.system,
            "node_id": args.node_id,
            "address": f"{args.host}:{system.self_node.port}",
            "shard_types": {BENCH_SHARD_TYPE: NUM_SHARDS},
        }
        print(f"CASTY-BENCH READY {json.dumps(ready)}", flush=True)
        await stop.wait()
    print(f"CASTY-BENCH STOPPED {args.node_id}", flush=True)


def main(argv: list[str] | None = None) -> None:
    """Entry point of ``python -m casty_bench``."""
    args = parse_args(argv)
    logging.basicConfig(level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    ensure_casty()
    asyncio.run(run_node(args))


if __name__ == "__main__":
    main()
