package io.casty.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import io.casty.client.DataclassValue;
import io.casty.client.EntityRef;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code casty ask TYPE ID --shards N MESSAGE}: asks an entity and prints the reply as
 * Casty's JSON. The reply ref goes into the message's {@code reply_to} field (or the one
 * {@code --reply-field} names), added if the JSON leaves it out.
 *
 * @since 0.1.0
 */
@Command(name = "ask", description = "Ask an entity and print its reply as Casty's JSON. The reply ref is put "
		+ "into the message's reply field.")
final class AskCommand extends EntityMessageCommand {

	@Option(names = "--reply-field", paramLabel = "FIELD", defaultValue = "reply_to",
			description = "The message's field that carries the reply ref (default: ${DEFAULT-VALUE}).")
	String replyField = "reply_to";

	@Override
	public int run(ClusterSession session, CliIo io) throws InterruptedException {
		DataclassValue value = message();
		EntityRef<Object> entities = entities(session);
		long shard = entities.shardOf(this.entityId);
		long started = System.nanoTime();
		CompletableFuture<Object> reply = entities.ask(this.entityId, (ref) -> withReply(value, ref), Object.class,
				session.timeout());
		Object answer;
		try (Progress progress = session.progress("waiting for the reply of " + this.shardType + "/" + this.entityId)) {
			answer = reply.get();
		}
		catch (ExecutionException ex) {
			throw CastyCli.unwrap(ex);
		}
		double ms = (System.nanoTime() - started) / 1e6;
		if (json()) {
			ObjectNode node = JsonNodeFactory.instance.objectNode()
				.put("shardType", this.shardType)
				.put("entityId", this.entityId)
				.put("shard", shard)
				.put("node", node(entities, this.entityId))
				.put("latencyMs", Math.round(ms * 100) / 100.0);
			node.set("reply", CastyJson.toJson(answer));
			io.json(node);
		}
		else {
			io.line(CastyJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(CastyJson.toJson(answer)));
		}
		return ExitCodes.OK;
	}

	private DataclassValue withReply(DataclassValue value, Object ref) {
		Map<String, @Nullable Object> fields = new LinkedHashMap<>(value.fields());
		fields.put(this.replyField, ref);
		return new DataclassValue(value.type(), fields);
	}

}
