package io.casty.client;

import java.time.Duration;

import io.casty.client.protocol.codec.PayloadFormat;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CastyClientOptionsTests {

	private static CastyClientOptions.Builder base() {
		return CastyClientOptions.builder().contactPoints("127.0.0.1:25520");
	}

	@Test
	void whenNothingIsSetThenEveryGroupHoldsItsDefaults() {
		CastyClientOptions options = base().build();
		assertThat(options.systemName()).isEqualTo(CastyClientOptions.DEFAULT_SYSTEM_NAME);
		assertThat(options.askTimeout()).isEqualTo(CastyClientOptions.DEFAULT_ASK_TIMEOUT);
		assertThat(options.socket()).isSameAs(SocketOptions.defaults());
		assertThat(options.reconnect().minBackoff()).isEqualTo(ReconnectOptions.DEFAULT_MIN_BACKOFF);
		assertThat(options.listen().enabled()).isTrue();
		assertThat(options.topology().pollInterval()).isEqualTo(TopologyOptions.DEFAULT_POLL_INTERVAL);
		assertThat(options.shardLocation().retryMaxBackoff()).isEqualTo(ShardLocationOptions.DEFAULT_RETRY_MAX_BACKOFF);
		assertThat(options.buffer().maxPerShard()).isEqualTo(BufferOptions.DEFAULT_MAX_PER_SHARD);
		assertThat(options.buffer().maxBytesPerType()).isEqualTo(BufferOptions.DEFAULT_MAX_BYTES_PER_TYPE);
		assertThat(options.codec().format()).isEqualTo(PayloadFormat.JSON);
		assertThat(options.tls().enabled()).isFalse();
		assertThat(options.stuckNode().askTimeouts()).isEqualTo(StuckNodeOptions.DEFAULT_ASK_TIMEOUTS);
	}

	@Test
	void theAllocatorIsPooledByDefaultCanBeChangedAndMustNotBeNull() {
		assertThat(SocketOptions.defaults().allocator()).isEqualTo(SocketOptions.Allocator.POOLED)
			.isEqualTo(SocketOptions.DEFAULT_ALLOCATOR);
		SocketOptions adaptive = SocketOptions.builder().allocator(SocketOptions.Allocator.ADAPTIVE).ioThreads(1).build();
		assertThat(adaptive.allocator()).isEqualTo(SocketOptions.Allocator.ADAPTIVE);
		assertThat(adaptive.mutate().connectTimeout(Duration.ofSeconds(1)).build().allocator())
			.isEqualTo(SocketOptions.Allocator.ADAPTIVE);
		assertThat(io.casty.client.transport.Buffers.allocator(SocketOptions.Allocator.POOLED))
			.isSameAs(io.netty.buffer.PooledByteBufAllocator.DEFAULT);
		assertThat(io.casty.client.transport.Buffers.allocator(SocketOptions.Allocator.ADAPTIVE))
			.isSameAs(io.netty.buffer.ByteBufAllocator.DEFAULT);
		assertThatExceptionOfType(InvalidOptionException.class)
			.isThrownBy(() -> SocketOptions.builder().allocator(null))
			.withMessageContaining("socket.allocator");
	}

	@Test
	void whenAGroupIsChangedTwiceThenBothChangesStayAndOtherGroupsAreUntouched() {
		CastyClientOptions options = base().socket((s) -> s.ioThreads(1))
			.socket((s) -> s.connectTimeout(Duration.ofMillis(300)))
			.build();
		assertThat(options.socket().ioThreads()).isEqualTo(1);
		assertThat(options.socket().connectTimeout()).isEqualTo(Duration.ofMillis(300));
		assertThat(options.socket().handshakeTimeout()).isEqualTo(SocketOptions.DEFAULT_HANDSHAKE_TIMEOUT);
		assertThat(options.codec()).isSameAs(CodecOptions.defaults());
	}

	@Test
	void whenMutatedThenTheCopyHoldsEverySettingAndTheOriginalIsUnchanged() {
		CastyClientOptions original = base().systemName("shop")
			.messageTypes(String.class)
			.topology((t) -> t.timeout(Duration.ofSeconds(9)))
			.build();
		CastyClientOptions changed = original.mutate()
			.contactPoints("127.0.0.1:25521")
			.messageTypes(Integer.class)
			.topology((t) -> t.pollInterval(Duration.ofSeconds(7)))
			.build();
		assertThat(changed.systemName()).isEqualTo("shop");
		assertThat(changed.contactPoints()).hasSize(2);
		assertThat(changed.messageTypes()).containsExactly(String.class, Integer.class);
		assertThat(changed.topology().timeout()).isEqualTo(Duration.ofSeconds(9));
		assertThat(changed.topology().pollInterval()).isEqualTo(Duration.ofSeconds(7));
		assertThat(original.contactPoints()).hasSize(1);
		assertThat(original.messageTypes()).containsExactly(String.class);
		assertThat(original.topology().pollInterval()).isEqualTo(TopologyOptions.DEFAULT_POLL_INTERVAL);
	}

	@Test
	void whenABuilderIsReusedThenOptionsBuiltEarlierDoNotChange() {
		CastyClientOptions.Builder builder = base();
		CastyClientOptions first = builder.build();
		builder.askTimeout(Duration.ofSeconds(1));
		assertThat(first.askTimeout()).isEqualTo(CastyClientOptions.DEFAULT_ASK_TIMEOUT);
		assertThat(builder.build().askTimeout()).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void whenAValueIsInvalidThenTheSetterFailsNamingTheOptionTheRuleAndTheValue() {
		assertThatExceptionOfType(InvalidOptionException.class)
			.isThrownBy(() -> base().askTimeout(Duration.ofSeconds(-1)))
			.withMessage("askTimeout must be positive, was PT-1S")
			.satisfies((ex) -> {
				assertThat(ex.getOption()).isEqualTo("askTimeout");
				assertThat(ex.getRequirement()).isEqualTo("must be positive");
				assertThat(ex.getValue()).isEqualTo(Duration.ofSeconds(-1));
			});
		assertThatExceptionOfType(InvalidOptionException.class)
			.isThrownBy(() -> base().reconnect((r) -> r.jitter(1.5)))
			.withMessage("reconnect.jitter must be between 0 and 1, was 1.5");
		assertThatExceptionOfType(InvalidOptionException.class)
			.isThrownBy(() -> base().codec((c) -> c.maxFrameSize(10)))
			.withMessage("codec.maxFrameSize must be at least 64 bytes, was 10");
		assertThatExceptionOfType(InvalidOptionException.class)
			.isThrownBy(() -> base().shardLocation((l) -> l.retryMinBackoff(Duration.ZERO)))
			.withMessageStartingWith("shardLocation.retryMinBackoff must be positive");
	}

	@Test
	void whenNoContactPointIsGivenThenBuildFails() {
		assertThatExceptionOfType(InvalidOptionException.class).isThrownBy(() -> CastyClientOptions.builder().build())
			.withMessageContaining("contactPoints must hold at least one contact point");
	}

}
