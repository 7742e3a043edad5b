"""Wire-level message types of the sample application.

Every class here is a frozen dataclass whose JSON wire name is
``casty_sample.messages.<ClassName>``; the Java client relies on these exact
names and field names/orders.  ``reply_to`` fields hold Casty ``ActorRef``s
(``{"__ref__": "casty://..."}`` on the wire).

This module deliberately does not import Casty at runtime so that it can be
imported before Casty is located (see :func:`casty_sample.ensure_casty`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover - typing only
    from casty import ActorRef
else:
    ActorRef = Any

# ── Shard types and service (names are part of the contract) ──────────

LOYALTY_SHARD_TYPE = "loyalty"
COUNTER_SHARD_TYPE = "counter"
ACCOUNTS_SHARD_TYPE = "accounts"
NUM_SHARDS = 100

PAYMENT_SERVICE_KEY = "payment"
PAYMENT_SERVICE_NAME = "payment-svc"  # spawned as a root actor -> path /payment-svc


# ── loyalty ────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class AddPoints:
    """Add ``amount`` loyalty points (tell, no reply)."""

    amount: int


@dataclass(frozen=True)
class GetPoints:
    """Ask for the current points; the entity replies with an ``int``."""

    reply_to: ActorRef


# ── counter ────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Increment:
    """Add ``amount`` to the counter (tell, no reply)."""

    amount: int


@dataclass(frozen=True)
class GetCount:
    """Ask for the current count; the entity replies with an ``int``."""

    reply_to: ActorRef


# ── accounts ───────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Deposit:
    """Deposit ``amount``; replies :class:`Balance` or :class:`Rejected`."""

    amount: int
    reply_to: ActorRef


@dataclass(frozen=True)
class Withdraw:
    """Withdraw ``amount``; replies :class:`Balance` or :class:`Rejected`."""

    amount: int
    reply_to: ActorRef


@dataclass(frozen=True)
class GetBalance:
    """Ask for the balance; replies :class:`Balance`."""

    reply_to: ActorRef


@dataclass(frozen=True)
class Balance:
    """Reply: the balance of ``account`` (the entity id) after the operation."""

    account: str
    amount: int


@dataclass(frozen=True)
class Rejected:
    """Reply: the operation was refused; ``reason`` says why."""

    reason: str


# ── payment service ────────────────────────────────────────────────────


@dataclass(frozen=True)
class ProcessPayment:
    """Process a payment (tell, no reply); the service counts it."""

    amount: int


@dataclass(frozen=True)
class GetStatus:
    """Ask the payment service for its status; replies :class:`PaymentStatus`."""

    reply_to: ActorRef


@dataclass(frozen=True)
class PaymentStatus:
    """Reply: ``node`` is ``"host:port"`` of the hosting node."""

    node: str
    processed: int


__all__ = [
    "ACCOUNTS_SHARD_TYPE",
    "COUNTER_SHARD_TYPE",
    "LOYALTY_SHARD_TYPE",
    "NUM_SHARDS",
    "PAYMENT_SERVICE_KEY",
    "PAYMENT_SERVICE_NAME",
    "AddPoints",
    "Balance",
    "Deposit",
    "GetBalance",
    "GetCount",
    "GetPoints",
    "GetStatus",
    "Increment",
    "PaymentStatus",
    "ProcessPayment",
    "Rejected",
    "Withdraw",
]
