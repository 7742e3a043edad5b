"""Behaviors of the sample application (requires Casty).

Entities are written in Casty's functional style: state lives in closure
arguments and every message returns the next behavior.
"""

from __future__ import annotations

from typing import Any

from casty import Behavior, Behaviors, ServiceKey

from casty_sample.messages import (
    PAYMENT_SERVICE_KEY,
    AddPoints,
    Balance,
    Deposit,
    GetBalance,
    GetCount,
    GetPoints,
    GetStatus,
    Increment,
    PaymentStatus,
    ProcessPayment,
    Rejected,
    Withdraw,
)

PAYMENT_KEY: ServiceKey[Any] = ServiceKey(PAYMENT_SERVICE_KEY)


def loyalty_entity(entity_id: str) -> Behavior[Any]:
    """Loyalty points of one customer: ``AddPoints`` adds, ``GetPoints`` replies the int."""

    def active(points: int) -> Behavior[Any]:
        async def receive(_ctx: Any, msg: Any) -> Behavior[Any]:
            match msg:
                case AddPoints(amount=amount):
                    return active(points + amount)
                case GetPoints(reply_to=reply_to):
                    reply_to.tell(points)
            return Behaviors.same()

        return Behaviors.receive(receive)

    return active(0)


def counter_entity(entity_id: str) -> Behavior[Any]:
    """A counter: ``Increment`` adds, ``GetCount`` replies the int."""

    def active(count: int) -> Behavior[Any]:
        async def receive(_ctx: Any, msg: Any) -> Behavior[Any]:
            match msg:
                case Increment(amount=amount):
                    return active(count + amount)
                case GetCount(reply_to=reply_to):
                    reply_to.tell(count)
            return Behaviors.same()

        return Behaviors.receive(receive)

    return active(0)


def account_entity(account: str) -> Behavior[Any]:
    """A bank account whose entity id is the account name.

    ``Deposit``/``Withdraw``/``GetBalance`` reply ``Balance(account, amount)``;
    a non-positive amount replies ``Rejected("amount must be positive")`` and a
    withdrawal above the balance ``Rejected("insufficient funds")``.
    """

    def active(balance: int) -> Behavior[Any]:
        async def receive(_ctx: Any, msg: Any) -> Behavior[Any]:
            match msg:
                case Deposit(amount=amount, reply_to=reply_to):
                    if amount <= 0:
                        reply_to.tell(Rejected("amount must be positive"))
                        return Behaviors.same()
                    reply_to.tell(Balance(account, balance + amount))
                    return active(balance + amount)
                case Withdraw(amount=amount, reply_to=reply_to):
                    if amount <= 0:
                        reply_to.tell(Rejected("amount must be positive"))
                        return Behaviors.same()
                    if amount > balance:
                        reply_to.tell(Rejected("insufficient funds"))
                        return Behaviors.same()
                    reply_to.tell(Balance(account, balance - amount))
                    return active(balance - amount)
                case GetBalance(reply_to=reply_to):
                    reply_to.tell(Balance(account, balance))
            return Behaviors.same()

        return Behaviors.receive(receive)

    return active(0)


def payment_service(node: str) -> Behavior[Any]:
    """The payment service hosted on ``node`` (``"host:port"``).

    ``ProcessPayment`` is counted; ``GetStatus`` replies ``PaymentStatus``.
    Wrap it with ``Behaviors.discoverable(..., key=PAYMENT_KEY)`` to register it.
    """

    def active(processed: int) -> Behavior[Any]:
        async def receive(_ctx: Any, msg: Any) -> Behavior[Any]:
            match msg:
                case ProcessPayment():
                    return active(processed + 1)
                case GetStatus(reply_to=reply_to):
                    reply_to.tell(PaymentStatus(node=node, processed=processed))
            return Behaviors.same()

        return Behaviors.receive(receive)

    return active(0)
