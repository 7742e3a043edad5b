"""Catalog types, annotated without ``from __future__ import annotations``."""

from dataclasses import dataclass
from typing import NewType

Sku = NewType("Sku", str)


@dataclass(frozen=True)
class Money:
    """An amount in the smallest unit of a currency."""

    amount: int
    currency: str = "EUR"


@dataclass(frozen=True)
class Item:
    sku: Sku
    name: str
    price: Money
    attributes: dict[str, str]


class Catalog:
    """Not a dataclass: only its nested dataclass is a message type."""

    @dataclass(frozen=True)
    class Entry:
        item: Item
        stock: int
