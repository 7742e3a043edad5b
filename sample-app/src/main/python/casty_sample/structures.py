"""Casty distributed structures and the stream the sample's Java side uses (requires Casty).

A client cannot create a distributed structure: the nodes must, with the same shard counts
the client uses (Casty's defaults here).  ``create_structures`` does it on every node.
"""

from __future__ import annotations

from typing import Any

from casty import Behaviors, ServiceKey
from casty.core.streams import GetSink, stream_producer

COUNTER_NAME = "visits"
MAP_NAME = "settings"
SET_NAME = "tags"
QUEUE_NAME = "jobs"
LOCK_NAME = "reports"
SEMAPHORE_NAME = "exports"
SEMAPHORE_PERMITS = 2
BARRIER_NAME = "release"
NUMBERS_STREAM_KEY = "numbers"
NUMBERS_STREAM_LENGTH = 5


def create_structures(system: Any, address: str) -> None:
    """Create every distributed structure of the sample on this node."""
    d = system.distributed()
    d.counter(COUNTER_NAME)
    d.map[str, Any](MAP_NAME)
    d.set[str](SET_NAME)
    d.queue[Any](QUEUE_NAME)
    d.lock(LOCK_NAME)
    d.semaphore(SEMAPHORE_NAME, permits=SEMAPHORE_PERMITS)
    d.barrier(BARRIER_NAME, node_id=address)


async def start_numbers_stream(system: Any) -> None:
    """A discoverable stream producer of 1..5 for one consumer, then completed."""
    producer = system.spawn(
        Behaviors.discoverable(stream_producer(), key=ServiceKey(NUMBERS_STREAM_KEY)), "numbers-stream"
    )
    sink = await system.ask(producer, lambda r: GetSink(reply_to=r), timeout=5.0)
    for value in range(1, NUMBERS_STREAM_LENGTH + 1):
        await sink.put(value)
    await sink.complete()
