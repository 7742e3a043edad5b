"""Run one node of the sample cluster (requires Casty; see :func:`casty_sample.ensure_casty`)."""

from __future__ import annotations

import asyncio
import json
import logging
import signal
from dataclasses import dataclass

from casty import Behaviors, ClusteredActorSystem, JsonSerializer, TypeRegistry

from casty_sample.entities import (
    PAYMENT_KEY,
    account_entity,
    counter_entity,
    loyalty_entity,
    payment_service,
)
from casty_sample.structures import create_structures, start_numbers_stream
from casty_sample.messages import (
    ACCOUNTS_SHARD_TYPE,
    COUNTER_SHARD_TYPE,
    LOYALTY_SHARD_TYPE,
    NUM_SHARDS,
    PAYMENT_SERVICE_KEY,
    PAYMENT_SERVICE_NAME,
)

SHARDED_TYPES = {
    LOYALTY_SHARD_TYPE: loyalty_entity,
    COUNTER_SHARD_TYPE: counter_entity,
    ACCOUNTS_SHARD_TYPE: account_entity,
}


@dataclass(frozen=True)
class NodeSettings:
    """Command-line settings of one node."""

    host: str
    port: int
    seeds: tuple[tuple[str, int], ...]
    system: str
    node_id: str
    service: bool
    wait_for: int = 0


async def run_node(settings: NodeSettings) -> None:
    """Start the node, spawn the sharded types (and the service), run until SIGINT/SIGTERM."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)

    system = ClusteredActorSystem(
        name=settings.system,
        host=settings.host,
        port=settings.port,
        node_id=settings.node_id,
        seed_nodes=settings.seeds,
        serializer=JsonSerializer(TypeRegistry()),
    )
    async with system:
        for shard_type, factory in SHARDED_TYPES.items():
            system.spawn(Behaviors.sharded(factory, num_shards=NUM_SHARDS), shard_type)
        address = f"{settings.host}:{system.self_node.port}"
        create_structures(system, address)
        if settings.service:
            await start_numbers_stream(system)
            system.spawn(
                Behaviors.discoverable(payment_service(address), key=PAYMENT_KEY),
                PAYMENT_SERVICE_NAME,
            )
        if settings.wait_for > 1:
            await system.wait_for(settings.wait_for, timeout=120.0)
        ready = {
            "system": settings.system,
            "node_id": settings.node_id,
            "address": address,
            "shard_types": {name: NUM_SHARDS for name in SHARDED_TYPES},
            "service": (
                {"key": PAYMENT_SERVICE_KEY, "path": f"/{PAYMENT_SERVICE_NAME}"}
                if settings.service
                else None
            ),
        }
        print(f"CASTY-SAMPLE READY {json.dumps(ready)}", flush=True)
        await stop.wait()
        logging.getLogger("casty_sample").info("shutting down %s", settings.node_id)
    print(f"CASTY-SAMPLE STOPPED {settings.node_id}", flush=True)
