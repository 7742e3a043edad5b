package io.casty.cli;

import io.casty.client.NodeAddress;
import io.casty.client.routing.ShardHash;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code casty owner TYPE ID --shards N}: the entity's shard and the node that owns it.
 *
 * @since 0.1.0
 */
@Command(name = "owner", description = "Print the shard of an entity and the node owning it.")
final class OwnerCommand extends ClusterCommand {

	@Parameters(index = "0", paramLabel = "TYPE", description = "The shard type.")
	String shardType = "";

	@Parameters(index = "1", paramLabel = "ID", description = "The entity id.")
	String entityId = "";

	@Option(names = { "-n", "--shards" }, required = true, paramLabel = "N",
			description = "The type's shard count, as configured on every node.")
	int shards;

	@Override
	void validate() {
		Shards.check(this.shards);
	}

	@Override
	int run(ClusterSession session, CliIo io) {
		long shard = ShardHash.shardOf(this.entityId, this.shards);
		NodeAddress owner = session.topology().owner(this.shardType, shard);
		if (json()) {
			ObjectNode node = JsonNodeFactory.instance.objectNode()
				.put("shardType", this.shardType)
				.put("entityId", this.entityId)
				.put("shards", this.shards)
				.put("shard", shard)
				.put("owner", (owner != null) ? owner.toString() : null);
			io.json(node);
		}
		else {
			io.line(this.shardType + "/" + this.entityId + "  shard " + shard + "  "
					+ ((owner != null) ? "node " + owner
							: "not allocated (the coordinator allocates it on the first message) or its owner is unavailable"));
		}
		return ExitCodes.OK;
	}

}
