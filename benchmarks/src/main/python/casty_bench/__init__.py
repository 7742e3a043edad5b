"""casty-spring benchmark node: wire types and the ``bench`` entity.

The message dataclasses are defined in this ``__init__`` module on purpose:
their JSON wire names must be exactly ``casty_bench.Add``, ``casty_bench.Get``
and ``casty_bench.Ping`` (``module.qualname``).

Importing this package does not require Casty; :func:`bench_entity` imports
it lazily.  :func:`ensure_casty` honours ``$CASTY_SRC``.
"""

from __future__ import annotations

import importlib
import os
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover - typing only
    from casty import ActorRef, Behavior
else:
    ActorRef = Any

BENCH_SHARD_TYPE = "bench"
NUM_SHARDS = 100


@dataclass(frozen=True)
class Add:
    """Add ``amount`` to the entity's running total (tell, no reply)."""

    amount: int


@dataclass(frozen=True)
class Get:
    """Ask for the running total; replies an ``int``."""

    reply_to: ActorRef


@dataclass(frozen=True)
class Ping:
    """Echo request; the entity replies with the same ``int`` ``seq``."""

    seq: int
    reply_to: ActorRef


def bench_entity(entity_id: str) -> Behavior[Any]:
    """Entity of shard type ``bench``: keeps a running total, answers Get and Ping."""
    from casty import Behaviors

    def active(total: int) -> Behavior[Any]:
        async def receive(_ctx: Any, msg: Any) -> Behavior[Any]:
            match msg:
                case Add(amount=amount):
                    return active(total + amount)
                case Get(reply_to=reply_to):
                    reply_to.tell(total)
                case Ping(seq=seq, reply_to=reply_to):
                    reply_to.tell(seq)
            return Behaviors.same()

        return Behaviors.receive(receive)

    return active(0)


def ensure_casty() -> None:
    """Make ``import casty`` work, honouring ``$CASTY_SRC``.

    If ``CASTY_SRC`` is set, ``$CASTY_SRC/src`` is put first on ``sys.path``,
    or ``$CASTY_SRC`` itself when it directly contains a ``casty/`` package.
    Exits with a clear message if Casty still cannot be imported.
    """
    src = os.environ.get("CASTY_SRC")
    if src:
        candidate = src if os.path.isdir(os.path.join(src, "casty")) else os.path.join(src, "src")
        if candidate not in sys.path:
            sys.path.insert(0, candidate)
    try:
        importlib.import_module("casty")
    except ImportError as exc:
        hint = f"CASTY_SRC={src!r}" if src else "CASTY_SRC is not set"
        raise SystemExit(
            f"casty_bench: cannot import casty ({exc}); {hint}. "
            "Set CASTY_SRC to a Casty v0.21.0 checkout (the directory holding src/casty) "
            "or install casty==0.21.0."
        ) from exc


__all__ = ["BENCH_SHARD_TYPE", "NUM_SHARDS", "Add", "Get", "Ping", "bench_entity", "ensure_casty"]
