"""Catalog types, annotated without ``from __future__ import annotations``."""

import enum
from dataclasses import dataclass, field
from typing import Annotated, NewType

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


class Unit(enum.Enum):
    """How stock is counted."""

    PIECE = "piece"
    KILOGRAM = "kg"
    KG = "kg"  # an alias: Casty sends KILOGRAM


@dataclass(frozen=True)
class Stock:
    quantity: Annotated[int, "units on hand"]
    readings: list[float | None] = field(default_factory=list)
    unit: Unit = Unit.PIECE
    nothing: tuple[()] = ()
