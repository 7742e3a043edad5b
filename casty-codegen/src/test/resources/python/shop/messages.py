"""Cart messages, annotated as strings (PEP 563) with Casty's ActorRef imported for type checking only."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, Optional, Union

from shop.catalog import Catalog, Item, Money

if TYPE_CHECKING:
    from casty import ActorRef
else:
    ActorRef = Any


class Color(enum.Enum):
    RED = "red"
    GREEN = "green"
    DARK_BLUE = 3


class Priority(enum.IntEnum):
    low = 1
    high = 2


@dataclass(frozen=True)
class AddItem:
    """Adds ``quantity`` of an item to the cart.

    Replies the new :class:`CartView`.
    """

    item: Item
    quantity: int
    reply_to: ActorRef[CartView]


@dataclass(frozen=True)
class RemoveItem:
    sku: str
    reply_to: ActorRef[CartView] | None = None


@dataclass(frozen=True)
class GetCart:
    reply_to: ActorRef


@dataclass(frozen=True)
class Checkout:
    total: Money
    coupons: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Cancel:
    reason: str


@dataclass(frozen=True)
class CartView:
    lines: tuple[Item, ...]
    total: float
    coupons: frozenset[str]
    counts: dict[str, int]
    positions: dict[int, Catalog.Entry]
    note: str | None
    color: Color
    last_event: Union[Checkout, Cancel, None]
    event: Checkout | Cancel
    pair: tuple[int, str]
    weights: dict[tuple[int, int], float]
    history: list[list[float]]
    new: bool
    http_url2: str
    extra: Any
    mode: Literal["fast", "slow"] = "fast"
    priority: Priority = Priority.low
    legacy: Optional[int] = None
    tags: list[str] = field(default_factory=list)
    ratio: float = 1.0
