package io.casty.cli;

import io.casty.client.ConnectionsInfo;
import io.casty.client.DataclassValue;
import io.casty.client.EntityRef;
import picocli.CommandLine.Command;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * {@code casty tell TYPE ID --shards N MESSAGE}: sends a message to an entity, without
 * waiting for a reply; returns once it was written to the owner's connection.
 *
 * @since 0.1.0
 */
@Command(name = "tell", description = "Send a message to an entity (no reply). Exits once the message was written "
		+ "to the owning node's connection.")
final class TellCommand extends EntityMessageCommand {

	@Override
	public int run(ClusterSession session, CliIo io) {
		DataclassValue value = message();
		EntityRef<Object> entities = entities(session);
		long shard = entities.shardOf(this.entityId);
		entities.tell(this.entityId, value);
		boolean written = session.await("sending to " + this.shardType + "/" + this.entityId,
				() -> session.client().bufferedMessages() == 0 && session.client()
					.connections()
					.connections()
					.stream()
					.mapToLong(ConnectionsInfo.Connection::pendingWriteBytes)
					.sum() == 0,
				session.timeout());
		if (!written) {
			throw new CliException(ExitCodes.UNAVAILABLE, "The message to " + this.shardType + "/" + this.entityId
					+ " (shard " + shard + ") was not sent within " + session.timeout().toMillis()
					+ " ms: no node owns its shard yet or the owner does not accept it");
		}
		String node = node(entities, this.entityId);
		if (json()) {
			io.json(JsonNodeFactory.instance.objectNode()
				.put("shardType", this.shardType)
				.put("entityId", this.entityId)
				.put("shard", shard)
				.put("node", node)
				.put("sent", true));
		}
		else {
			io.line("sent " + value.type() + " to " + this.shardType + "/" + this.entityId + " (shard " + shard
					+ " on " + node + ")");
		}
		return ExitCodes.OK;
	}

}
