"""Launcher: ``python -m casty_sample --host H --port P --seed H:P --system S --node-id N [--service]``."""

from __future__ import annotations

import argparse
import asyncio
import logging

from casty_sample import ensure_casty


def _address(value: str) -> tuple[str, int]:
    host, sep, port = value.rpartition(":")
    if not sep or not host or not port.isdigit():
        raise argparse.ArgumentTypeError(f"expected host:port, got {value!r}")
    return host, int(port)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Parse the launcher's command line."""
    parser = argparse.ArgumentParser(
        prog="python -m casty_sample",
        description="Start one node of the casty-sample cluster (Casty v0.21.0, JSON serializer).",
    )
    parser.add_argument("--host", default="127.0.0.1", help="advertised and bind host (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=25520, help="TCP port (default 25520)")
    parser.add_argument(
        "--seed",
        type=_address,
        action="append",
        default=[],
        help="seed node host:port; repeatable, may name this node itself",
    )
    parser.add_argument("--system", default="casty-sample", help="actor system (cluster) name")
    parser.add_argument("--node-id", required=True, help="unique node id, e.g. node-1")
    parser.add_argument(
        "--service",
        action="store_true",
        help="also host the discoverable 'payment' service at /payment-svc",
    )
    parser.add_argument(
        "--wait-for",
        type=int,
        default=0,
        metavar="N",
        help="print the ready line only once N members are up (default: do not wait)",
    )
    parser.add_argument("--log-level", default="WARNING", help="Python logging level (default WARNING)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    """Entry point of ``python -m casty_sample``."""
    args = parse_args(argv)
    logging.basicConfig(level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    ensure_casty()
    from casty_sample.node import NodeSettings, run_node

    settings = NodeSettings(
        host=args.host,
        port=args.port,
        seeds=tuple(args.seed),
        system=args.system,
        node_id=args.node_id,
        service=args.service,
        wait_for=args.wait_for,
    )
    asyncio.run(run_node(settings))


if __name__ == "__main__":
    main()
