"""Message types of the golden frames, field for field as their payloads show them."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from casty import ActorRef
else:
    ActorRef = Any


@dataclass(frozen=True)
class Increment:
    amount: int
    reply_to: ActorRef[int]


@dataclass(frozen=True)
class Echo:
    text: str
    reply_to: ActorRef[str]


@dataclass(frozen=True)
class Greet:
    name: str
    reply_to: ActorRef[Greeting]


@dataclass(frozen=True)
class Greeting:
    text: str
    entity_id: str
    node_id: str
    count: int


class Level(enum.Enum):
    bronze = 1
    silver = 2
    gold = 3


@dataclass(frozen=True)
class Point:
    x: float
    y: float


@dataclass(frozen=True)
class Profile:
    entity_id: str
    level: Level
    tags: frozenset[str]
    coords: tuple[int, ...]
    attrs: dict[str, int]
    scores: list[float]
    nickname: str | None
    active: bool
    home: Point
