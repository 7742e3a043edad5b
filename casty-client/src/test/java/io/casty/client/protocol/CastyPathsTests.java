package io.casty.client.protocol;

import io.casty.client.ActorAddress;
import io.casty.client.InvalidActorAddressException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link CastyPaths}: every path and URI is built and parsed back by the same class.
 */
class CastyPathsTests {

	@Test
	void wellKnownPathsAreCastys() {
		assertThat(CastyPaths.TOPOLOGY).isEqualTo("/_cluster/_topology");
		assertThat(CastyPaths.RECEPTIONIST).isEqualTo("/_cluster/_receptionist");
		assertThat(CastyPaths.regionPath("counter")).isEqualTo("/_region-counter");
		assertThat(CastyPaths.coordinatorPath("counter")).isEqualTo("/_coord-counter");
		assertThat(CastyPaths.entityPath("counter", "alice")).isEqualTo("/_region-counter/entity-alice");
		assertThat(CastyPaths.proxyPath("counter")).isEqualTo("/_proxy-counter");
	}

	@Test
	void shardTypesParseBackFromTheirPaths() {
		assertThat(CastyPaths.regionTypeOf(CastyPaths.regionPath("a-b"))).isEqualTo("a-b");
		assertThat(CastyPaths.regionTypeOf(CastyPaths.entityPath("counter", "x/y"))).isEqualTo("counter");
		assertThat(CastyPaths.entityIdOf(CastyPaths.entityPath("counter", "alice"))).isEqualTo("alice");
		assertThat(CastyPaths.coordinatorTypeOf(CastyPaths.coordinatorPath("counter"))).isEqualTo("counter");
		assertThat(CastyPaths.proxyTypeOf(CastyPaths.proxyPath("counter"))).isEqualTo("counter");
		assertThat(CastyPaths.regionTypeOf("/_region-")).isNull();
		assertThat(CastyPaths.coordinatorTypeOf(CastyPaths.regionPath("counter"))).isNull();
		assertThat(CastyPaths.proxyTypeOf("/_topology_sub")).isNull();
		assertThat(CastyPaths.entityIdOf(CastyPaths.regionPath("counter"))).isNull();
	}

	@Test
	void askIdsAreThirtyTwoHexDigitsFoundAtTheEndOfTheTarget() {
		String id = CastyPaths.newAskId();
		assertThat(id).hasSize(CastyPaths.ASK_ID_LENGTH).matches("[0-9a-f]{32}");
		assertThat(CastyPaths.newAskId()).isNotEqualTo(id);
		String uri = CastyPaths.uri("shop-client", "10.0.0.1", 4000, CastyPaths.askPath(id));
		assertThat(CastyPaths.askIdOf(uri)).isEqualTo(id);
		assertThat(CastyPaths.askIdOf(CastyPaths.askPath(id))).isEqualTo(id);
		assertThat(CastyPaths.askIdOf(CastyPaths.askPath("abc"))).isNull();
		assertThat(CastyPaths.askIdOf(CastyPaths.uri("s", "h", 1, CastyPaths.TOPOLOGY_SUBSCRIBER))).isNull();
	}

	@Test
	void urisRoundTrip() {
		String remote = CastyPaths.uri("shop", "127.0.0.1", 25520, "/_region-counter");
		assertThat(remote).isEqualTo("casty://shop@127.0.0.1:25520/_region-counter");
		assertThat(CastyPaths.parse(remote)).isEqualTo(ActorAddress.of("shop", "127.0.0.1", 25520, "/_region-counter"));
		assertThat(CastyPaths.pathOf(remote)).isEqualTo("/_region-counter");
		String local = CastyPaths.localUri("shop", "/_cluster/_topology");
		assertThat(local).isEqualTo("casty://shop/_cluster/_topology");
		assertThat(CastyPaths.pathOf(local)).isEqualTo("/_cluster/_topology");
		assertThat(CastyPaths.senderUri(CastyPaths.clientSystem("shop"), "10.0.0.20", 4000))
			.isEqualTo("casty://shop-client@10.0.0.20:4000/");
	}

	@Test
	void pathOfRejectsWhatParseRejects() {
		assertThatExceptionOfType(InvalidActorAddressException.class).isThrownBy(() -> CastyPaths.pathOf("casty://a@b/p"));
		assertThatExceptionOfType(InvalidActorAddressException.class).isThrownBy(() -> CastyPaths.pathOf("http://a@b:1/p"));
		assertThatExceptionOfType(InvalidActorAddressException.class)
			.isThrownBy(() -> CastyPaths.pathOf("casty://a@b:123456/p"));
	}

}
