package io.casty.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import io.casty.client.DataclassValue;
import io.casty.client.EntityRef;
import io.casty.client.NodeAddress;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Base of {@code tell} and {@code ask}: an entity of a shard type and a message written as
 * Casty's JSON, sent as a generic dataclass tree (no Java class needed).
 *
 * @since 0.1.0
 */
abstract class EntityMessageCommand extends ClusterCommand {

	@Parameters(index = "0", paramLabel = "TYPE", description = "The shard type.")
	String shardType = "";

	@Parameters(index = "1", paramLabel = "ID", description = "The entity id.")
	String entityId = "";

	@Parameters(index = "2", paramLabel = "MESSAGE",
			description = "The message as Casty's JSON, e.g. '{\"_type\": \"shop.messages.AddPoints\", \"amount\": 5}'; - reads it from stdin.")
	String message = "";

	@Option(names = { "-n", "--shards" }, required = true, paramLabel = "N",
			description = "The type's shard count, as configured on every node.")
	int shards;

	private @Nullable DataclassValue parsed;

	@Override
	void validate() {
		Shards.check(this.shards);
		this.parsed = parse();
	}

	/**
	 * The message, read and checked by {@link #validate()}.
	 * @return the message
	 */
	DataclassValue message() {
		DataclassValue value = this.parsed;
		return (value != null) ? value : parse();
	}

	private DataclassValue parse() {
		String text = this.message;
		if (text.equals("-")) {
			try {
				InputStream in = System.in;
				text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new CliException(ExitCodes.USAGE, "Cannot read the message from stdin: " + ex.getMessage());
			}
		}
		return CastyJson.parseMessage(text);
	}

	EntityRef<Object> entities(ClusterSession session) {
		Shards.check(this.shards);
		return session.client().entityRef(this.shardType, this.shards, Object.class);
	}

	static String node(EntityRef<Object> entities, String entityId) {
		return entities.ownerOf(entityId).map(NodeAddress::toString).orElse("unknown");
	}

}
