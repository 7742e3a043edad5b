"""Capture golden frames of Casty's distributed structures and streams.

Opt-in tool, never run by the build: it needs a Casty v0.21.0 checkout named by
``CASTY_SRC`` (the directory holding ``casty/`` or ``src/casty/``) and Python 3.12+.

It starts one real node (JSON serializer) in this process, puts a recording TCP relay in
front of it, drives Casty's own ``ClusterClient`` through the relay (every structure of
``client.distributed()``, a stream consumed by a client-spawned actor, a stream produced
by a client-spawned actor), and writes each frame that crossed the relay as one ``.bin``
file plus ``index.json`` into the output directory::

    CASTY_SRC=<checkout> python3.12 tools/vectors/capture_distributed.py \\
        casty-client/src/test/resources/vectors/distributed
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import socket
import struct
import sys
from dataclasses import dataclass, field
from typing import Any

SYSTEM = "dist-demo"


def _import_casty() -> None:
    src = os.environ.get("CASTY_SRC")
    if not src:
        raise SystemExit("Set CASTY_SRC to a Casty v0.21.0 checkout")
    candidate = src if os.path.isdir(os.path.join(src, "casty")) else os.path.join(src, "src")
    sys.path.insert(0, candidate)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Recorded:
    direction: str
    connection: int
    data: bytes


@dataclass
class Relay:
    target_port: int
    frames: list[Recorded] = field(default_factory=list)
    connections: int = 0

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        conn = self.connections
        up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.target_port)
        await asyncio.gather(
            self._pump(reader, up_writer, "client->node", conn),
            self._pump(up_reader, writer, "node->client", conn),
            return_exceptions=True,
        )

    async def _pump(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, direction: str, conn: int) -> None:
        try:
            while True:
                prefix = await reader.readexactly(4)
                (length,) = struct.unpack(">I", prefix)
                body = await reader.readexactly(length)
                self.frames.append(Recorded(direction, conn, prefix + body))
                writer.write(prefix + body)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            writer.close()


def _parse(frame: bytes) -> tuple[dict[str, Any] | None, bytes]:
    if frame[4] != 1:
        return None, frame[5:]
    (hlen,) = struct.unpack(">I", frame[5:9])
    header = json.loads(frame[9 : 9 + hlen])
    return header, frame[9 + hlen :]


async def _session(relay_port: int, node_port: int) -> None:
    from casty import Behaviors, ClusterClient, ServiceKey
    from casty.cluster.system import ClusteredActorSystem
    from casty.core.address import ActorAddress
    from casty.core.streams import GetSink, GetSource, stream_consumer, stream_producer
    from casty.remote.serialization import JsonSerializer, TypeRegistry

    async with ClusteredActorSystem(
        name=SYSTEM,
        host="127.0.0.1",
        port=node_port,
        node_id="node-1",
        seed_nodes=(("127.0.0.1", node_port),),
        serializer=JsonSerializer(TypeRegistry()),
    ) as node:
        await node.wait_for(1, timeout=20)
        d = node.distributed()
        d.counter("hits")
        d.map[str, Any]("users")
        d.set[str]("tags")
        d.queue[str]("jobs")
        d.lock("res")
        d.semaphore("pool", permits=1)
        d.barrier("sync", node_id="node-side")
        numbers = node.spawn(Behaviors.discoverable(stream_producer(), key=ServiceKey("numbers")), "numbers")
        sink = await node.ask(numbers, lambda r: GetSink(reply_to=r), timeout=5)
        for value in (1, 2, 3):
            await sink.put(value)
        await sink.complete()
        ticks = node.spawn(Behaviors.discoverable(stream_producer(), key=ServiceKey("ticks")), "ticks")
        tick_sink = await node.ask(ticks, lambda r: GetSink(reply_to=r), timeout=5)
        for value in ("a", "b", "c"):
            await tick_sink.put(value)
        await asyncio.sleep(1.0)

        def address_map(addr: tuple[str, int]) -> tuple[str, int]:
            return ("127.0.0.1", relay_port) if addr == ("127.0.0.1", node_port) else addr

        async with ClusterClient(
            contact_points=[("127.0.0.1", relay_port)],
            system_name=SYSTEM,
            address_map=address_map,
            serializer=JsonSerializer(TypeRegistry()),
        ) as client:
            await asyncio.sleep(1.5)
            cd = client.distributed()
            counter = cd.counter("hits")
            await counter.increment(5)
            await counter.decrement(2)
            await counter.get()
            await counter.destroy()
            users = cd.map[str, Any]("users")
            await users.put("alice", {"age": 30})
            await users.get("alice")
            await users.contains("alice")
            await users.delete("alice")
            tags = cd.set[str]("tags")
            await tags.add("python")
            await tags.contains("python")
            await tags.size()
            await tags.remove("python")
            await tags.destroy()
            jobs = cd.queue[str]("jobs")
            await jobs.enqueue("task-1")
            await jobs.peek()
            await jobs.size()
            await jobs.dequeue()
            await jobs.destroy()
            lock = cd.lock("res")
            await lock.acquire()
            await lock.try_acquire()
            await lock.release()
            await lock.destroy()
            sem = cd.semaphore("pool", permits=1)
            await sem.acquire()
            await sem.try_acquire()
            await sem.release()
            await sem.destroy()
            barrier = cd.barrier("sync", node_id="java-client-1")
            await barrier.arrive(expected=1)
            await barrier.destroy()

            listing = client.lookup(ServiceKey("numbers"))
            producer_ref = next(iter(listing.instances)).ref
            consumer = client.spawn(stream_consumer(producer_ref, timeout=5.0, initial_demand=2), "numbers-consumer")
            source = await client.ask(consumer, lambda r: GetSource(reply_to=r), timeout=5)
            received = [element async for element in source]
            assert received == [1, 2, 3], received

            tick_ref = next(iter(client.lookup(ServiceKey("ticks")).instances)).ref
            tick_consumer = client.spawn(stream_consumer(tick_ref, timeout=5.0, initial_demand=1), "ticks-consumer")
            tick_source = await client.ask(tick_consumer, lambda r: GetSource(reply_to=r), timeout=5)
            async for element in tick_source:
                assert element == "a"
                break
            await asyncio.sleep(0.5)

            produced = client.spawn(stream_producer(), "client-producer")
            client_sink = await client.ask(produced, lambda r: GetSink(reply_to=r), timeout=5)
            for value in ("x", "y"):
                await client_sink.put(value)
            await client_sink.complete()
            ref_on_node = node._remote.make_ref(  # noqa: SLF001 - the node's view of the client's actor
                ActorAddress(system=f"{SYSTEM}-client", path="/client-producer", host="127.0.0.1", port=0)
            )
            pulling = node.spawn(stream_consumer(ref_on_node, timeout=5.0, initial_demand=4), "pull-from-client")
            pulled_source = await node.ask(pulling, lambda r: GetSource(reply_to=r), timeout=5)
            pulled = [element async for element in pulled_source]
            assert pulled == ["x", "y"], pulled
            await asyncio.sleep(0.5)


NAMES = {
    "casty.distributed.counter.Increment": "counter_increment",
    "casty.distributed.counter.Decrement": "counter_decrement",
    "casty.distributed.counter.GetValue": "counter_get_value",
    "casty.distributed.counter.DestroyCounter": "counter_destroy",
    "casty.distributed.dict.Put": "map_put",
    "casty.distributed.dict.Get": "map_get",
    "casty.distributed.dict.Contains": "map_contains",
    "casty.distributed.dict.Delete": "map_delete",
    "casty.distributed.set.Add": "set_add",
    "casty.distributed.set.SetContains": "set_contains",
    "casty.distributed.set.SetSize": "set_size",
    "casty.distributed.set.Remove": "set_remove",
    "casty.distributed.set.DestroySet": "set_destroy",
    "casty.distributed.queue.Enqueue": "queue_enqueue",
    "casty.distributed.queue.Peek": "queue_peek",
    "casty.distributed.queue.QueueSize": "queue_size",
    "casty.distributed.queue.Dequeue": "queue_dequeue",
    "casty.distributed.queue.DestroyQueue": "queue_destroy",
    "casty.distributed.lock.LockAcquire": "lock_acquire",
    "casty.distributed.lock.LockTryAcquire": "lock_try_acquire",
    "casty.distributed.lock.LockRelease": "lock_release",
    "casty.distributed.lock.DestroyLock": "lock_destroy",
    "casty.distributed.semaphore.SemaphoreAcquire": "semaphore_acquire",
    "casty.distributed.semaphore.SemaphoreTryAcquire": "semaphore_try_acquire",
    "casty.distributed.semaphore.SemaphoreRelease": "semaphore_release",
    "casty.distributed.semaphore.DestroySemaphore": "semaphore_destroy",
    "casty.distributed.barrier.BarrierArrive": "barrier_arrive",
    "casty.distributed.barrier.DestroyBarrier": "barrier_destroy",
}


def _select(frames: list[Recorded]) -> list[tuple[str, str, bytes]]:
    """Picks one request and its reply per structure message, and the stream frames."""
    chosen: list[tuple[str, str, bytes]] = []
    asks: dict[str, str] = {}
    seen: set[str] = set()
    for rec in frames:
        header, payload = _parse(rec.data)
        if header is None:
            continue
        body = json.loads(payload)
        target = header["target"]
        if rec.direction == "client->node" and isinstance(body, dict):
            inner = body.get("message") if body.get("_type") == "casty.cluster.envelope.ShardEnvelope" else None
            if isinstance(inner, dict) and inner.get("_type") in NAMES:
                name = NAMES[inner["_type"]]
                if name not in seen:
                    seen.add(name)
                    chosen.append((name, "client->node", rec.data))
                    reply = inner.get("reply_to", {}).get("__ref__", "")
                    asks[reply.rsplit("/", 1)[-1]] = name
                continue
            kind = body.get("_type", "")
            if kind.startswith("casty.core.streams."):
                name = "stream_" + kind.rsplit(".", 1)[-1].lower() + "_to_node"
                if name not in seen:
                    seen.add(name)
                    chosen.append((name, "client->node", rec.data))
        elif rec.direction == "node->client":
            ask_id = target.rsplit("/", 1)[-1]
            if "/_ask/" in target and ask_id in asks:
                name = asks.pop(ask_id) + "_reply"
                chosen.append((name, "node->client", rec.data))
                continue
            kind = body.get("_type", "") if isinstance(body, dict) else ""
            if kind.startswith("casty.core.streams."):
                name = "stream_" + kind.rsplit(".", 1)[-1].lower() + "_to_client"
                if name not in seen:
                    seen.add(name)
                    chosen.append((name, "node->client", rec.data))
    return chosen


def main() -> None:
    if len(sys.argv) != 2:
        raise SystemExit("usage: capture_distributed.py <output directory>")
    out = sys.argv[1]
    _import_casty()
    node_port, relay_port = _free_port(), _free_port()
    relay = Relay(node_port)

    async def run() -> None:
        server = await asyncio.start_server(relay.handle, "127.0.0.1", relay_port)
        async with server:
            await _session(relay_port, node_port)

    asyncio.run(run())
    os.makedirs(out, exist_ok=True)
    index = []
    for number, (name, direction, data) in enumerate(_select(relay.frames), start=1):
        file = f"{number:02d}-{name}.bin"
        with open(os.path.join(out, file), "wb") as f:
            f.write(data)
        header, payload = _parse(data)
        hlen = struct.unpack(">I", data[5:9])[0]
        index.append(
            {
                "name": name,
                "file": file,
                "direction": direction,
                "size": len(data),
                "sha256": hashlib.sha256(data).hexdigest(),
                "header_text": data[9 : 9 + hlen].decode(),
                "header": header,
                "payload_encoding": "json",
                "payload_text": payload.decode(),
            }
        )
    with open(os.path.join(out, "index.json"), "w") as f:
        json.dump(
            {
                "casty_version": "0.21.0",
                "system_name": SYSTEM,
                "client_system_name": f"{SYSTEM}-client",
                "source": "captured through a recording relay between Casty's ClusterClient and one node",
                "vectors": index,
            },
            f,
            indent=1,
        )
        f.write("\n")
    print(f"{len(index)} frames written to {out}")


if __name__ == "__main__":
    main()
