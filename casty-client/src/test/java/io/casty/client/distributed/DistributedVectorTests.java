package io.casty.client.distributed;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.casty.client.ActorRef;
import io.casty.client.distributed.protocol.BarrierMessages;
import io.casty.client.distributed.protocol.DistributedMessages;
import io.casty.client.distributed.protocol.LockMessages;
import io.casty.client.distributed.protocol.SemaphoreMessages;
import io.casty.client.protocol.Frame;
import io.casty.client.protocol.FrameCodec;
import io.casty.client.protocol.MessageHeader;
import io.casty.client.protocol.codec.MessageCodec;
import io.casty.client.protocol.codec.MessageTypeRegistry;
import io.casty.client.protocol.messages.ShardEnvelope;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each request of the structures, built by the facades, is byte for byte the frame Casty
 * v0.21.0's own client sent to a real node; each captured reply decodes into what the
 * facades expect.
 */
class DistributedVectorTests {

	private static final MessageCodec CODEC = new MessageCodec(
			MessageTypeRegistry.withProtocolTypes().register(DistributedMessages.TYPES.toArray(Class<?>[]::new)));

	/** The owner of the captured lock and semaphore requests, which their releases name. */
	private static String CAPTURED_OWNER = "";

	static Stream<Arguments> requests() {
		return Stream.of(request("counter_increment", (d) -> d.counter("hits").increment(5)),
				request("counter_decrement", (d) -> d.counter("hits").decrement(2)),
				request("counter_get_value", (d) -> d.counter("hits").get()),
				request("counter_destroy", (d) -> d.counter("hits").destroy()),
				request("map_put", (d) -> d.map("users", String.class, Object.class).put("alice", Map.of("age", 30))),
				request("map_get", (d) -> d.map("users", String.class, Object.class).get("alice")),
				request("map_contains", (d) -> d.map("users", String.class, Object.class).containsKey("alice")),
				request("map_delete", (d) -> d.map("users", String.class, Object.class).remove("alice")),
				request("set_add", (d) -> d.set("tags", String.class).add("python")),
				request("set_contains", (d) -> d.set("tags", String.class).contains("python")),
				request("set_size", (d) -> d.set("tags", String.class).size()),
				request("set_remove", (d) -> d.set("tags", String.class).remove("python")),
				request("set_destroy", (d) -> d.set("tags", String.class).destroy()),
				request("queue_enqueue", (d) -> d.queue("jobs", String.class).enqueue("task-1")),
				request("queue_peek", (d) -> d.queue("jobs", String.class).peek()),
				request("queue_size", (d) -> d.queue("jobs", String.class).size()),
				request("queue_dequeue", (d) -> d.queue("jobs", String.class).dequeue()),
				request("queue_destroy", (d) -> d.queue("jobs", String.class).destroy()),
				request("lock_acquire", (d) -> d.lock("res").acquire()),
				request("lock_try_acquire", (d) -> d.lock("res").tryAcquire()),
				request("lock_release", (d) -> d.lock("res").releaseOwner(CAPTURED_OWNER)),
				request("lock_destroy", (d) -> d.lock("res").destroy()),
				request("semaphore_acquire", (d) -> d.semaphore("pool").acquire()),
				request("semaphore_try_acquire", (d) -> d.semaphore("pool").tryAcquire()),
				request("semaphore_release", (d) -> d.semaphore("pool").releaseOwner(CAPTURED_OWNER)),
				request("semaphore_destroy", (d) -> d.semaphore("pool").destroy()),
				request("barrier_arrive", (d) -> d.barrier("sync").arrive(1)),
				request("barrier_destroy", (d) -> d.barrier("sync").destroy()));
	}

	private static Arguments request(String vector, Consumer<CastyDistributed> call) {
		return Arguments.of(vector, call);
	}

	@Test
	void everyCapturedFrameIsIntact() throws Exception {
		List<DistributedVectors.Vector> vectors = DistributedVectors.all();
		assertThat(vectors).hasSize(66);
		for (DistributedVectors.Vector vector : vectors) {
			String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(vector.bytes()));
			assertThat(sha).as(vector.name()).isEqualTo(vector.index().get("sha256").stringValue());
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("requests")
	void facadeBuildsTheFrameCastysClientSent(String vectorName, Consumer<CastyDistributed> call) {
		DistributedVectors.Vector vector = DistributedVectors.named(vectorName);
		Frame.Message captured = (Frame.Message) FrameCodec.decodeWhole(Unpooled.wrappedBuffer(vector.bytes()));
		ShardEnvelope capturedEnvelope = CODEC.decode(captured.payload(), ShardEnvelope.class);
		assertThat(capturedEnvelope).isNotNull();
		JsonNode capturedMessage = CODEC.readTree(captured.payload()).get("message");

		FakeGateway gateway = new FakeGateway();
		gateway.replyTo = ActorRef.parse(capturedMessage.get("reply_to").get("__ref__").stringValue());
		if (capturedMessage.has("owner")) {
			gateway.owner = capturedMessage.get("owner").stringValue();
		}
		if (capturedMessage.has("node")) {
			gateway.participant = capturedMessage.get("node").stringValue();
		}
		CAPTURED_OWNER = gateway.owner;
		call.accept(new CastyDistributed(gateway));

		FakeGateway.Request request = gateway.last();
		assertThat(request.shards).isEqualTo(vectorName.startsWith("barrier") ? 10 : 100);
		assertThat(request.timeout).hasSeconds(vectorName.startsWith("barrier") ? 60 : 5);
		ShardEnvelope envelope = new ShardEnvelope(request.entityId, request.message);
		String capturedTarget = captured.header().target();
		String node = capturedTarget.substring(0, capturedTarget.indexOf('/', "casty://".length()));
		MessageHeader header = new MessageHeader(node + "/_region-" + request.shardType, captured.header().sender(),
				CODEC.typeHint(envelope));
		ByteBuf out = Unpooled.buffer();
		FrameCodec.writeMessage(header, (buf) -> CODEC.encode(envelope, buf), out);
		assertThat(ByteBufUtil.getBytes(out)).isEqualTo(vector.bytes());
		assertThat(envelope).isEqualTo(capturedEnvelope);
	}

	@Test
	void capturedRepliesDecodeIntoWhatTheFacadesExpect() {
		assertThat(reply("counter_increment_reply", Long.class)).isEqualTo(5L);
		assertThat(reply("counter_decrement_reply", Long.class)).isEqualTo(3L);
		assertThat(reply("counter_destroy_reply", Boolean.class)).isTrue();
		assertThat(reply("map_put_reply", Object.class)).isNull();
		assertThat(reply("map_get_reply", Object.class)).isEqualTo(Map.of("age", 30));
		assertThat(reply("map_contains_reply", Boolean.class)).isTrue();
		assertThat(reply("set_size_reply", Integer.class)).isEqualTo(1);
		assertThat(reply("queue_enqueue_reply", Object.class)).isNull();
		assertThat(reply("queue_dequeue_reply", String.class)).isEqualTo("task-1");
		assertThat(reply("lock_acquire_reply", LockMessages.LockAcquired.class)).isEqualTo(new LockMessages.LockAcquired());
		assertThat(reply("lock_try_acquire_reply", LockMessages.LockTryResult.class))
			.isEqualTo(new LockMessages.LockTryResult(false));
		assertThat(reply("lock_release_reply", LockMessages.LockReleased.class))
			.isEqualTo(new LockMessages.LockReleased(true));
		assertThat(reply("semaphore_acquire_reply", SemaphoreMessages.SemaphoreAcquired.class))
			.isEqualTo(new SemaphoreMessages.SemaphoreAcquired());
		assertThat(reply("semaphore_try_acquire_reply", SemaphoreMessages.SemaphoreTryResult.class))
			.isEqualTo(new SemaphoreMessages.SemaphoreTryResult(false));
		assertThat(reply("semaphore_release_reply", SemaphoreMessages.SemaphoreReleased.class))
			.isEqualTo(new SemaphoreMessages.SemaphoreReleased(true));
		assertThat(reply("barrier_arrive_reply", BarrierMessages.BarrierReleased.class))
			.isEqualTo(new BarrierMessages.BarrierReleased());
	}

	@Test
	void everyReplyReEncodesToTheCapturedPayload() {
		for (DistributedVectors.Vector vector : DistributedVectors.all()) {
			if (!vector.name().endsWith("_reply")) {
				continue;
			}
			Frame.Message captured = (Frame.Message) FrameCodec.decodeWhole(Unpooled.wrappedBuffer(vector.bytes()));
			Object decoded = CODEC.decode(captured.payload());
			assertThat(CODEC.encode(decoded)).as(vector.name()).isEqualTo(captured.payload());
			assertThat(CODEC.typeHint(decoded)).as(vector.name()).isEqualTo(captured.header().typeHint());
		}
	}

	private static <T> T reply(String name, Class<T> type) {
		Frame.Message message = (Frame.Message) FrameCodec
			.decodeWhole(Unpooled.wrappedBuffer(DistributedVectors.named(name).bytes()));
		return CODEC.decode(message.payload(), type);
	}

}
