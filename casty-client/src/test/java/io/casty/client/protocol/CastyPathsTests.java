package io.casty.client.protocol;

import java.nio.charset.StandardCharsets;

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
	void anAskIdOfTwoNumbersIsWrittenAsTheirHexDigitsAndReadBackFromBytes() {
		assertThat(CastyPaths.askId(0x0123456789abcdefL, -1L)).isEqualTo("0123456789abcdefffffffffffffffff");
		assertThat(CastyPaths.askPath(0, 0x2aL)).isEqualTo("/_ask/000000000000000000000000000000" + "2a");
		for (long[] id : new long[][] { { 0, 0 }, { -1, Long.MIN_VALUE }, { 0x7fedcba987654321L, 12345 } }) {
			String uri = CastyPaths.uri("shop-client", "10.0.0.1", 4000, CastyPaths.askPath(id[0], id[1]));
			byte[] bytes = ("x" + uri + "y").getBytes(StandardCharsets.US_ASCII);
			int at = CastyPaths.askIdAt(bytes, 1, bytes.length - 1);
			assertThat(at).isEqualTo(bytes.length - 1 - CastyPaths.ASK_ID_LENGTH);
			assertThat(CastyPaths.hex16(bytes, at)).isEqualTo(id[0]);
			assertThat(CastyPaths.hex16(bytes, at + 16)).isEqualTo(id[1]);
			assertThat(CastyPaths.isAskId(CastyPaths.askIdOf(uri))).isTrue();
		}
	}

	@Test
	void everyByteValueAtEveryDigitOfAnAskIdIsADigitOnlyIfItIsLowercaseHex() {
		String hex = "0123456789abcdef0123456789abcdef";
		for (int position = 0; position < CastyPaths.ASK_ID_LENGTH; position++) {
			for (int value = 0; value < 256; value++) {
				byte[] bytes = ("/_ask/" + hex).getBytes(StandardCharsets.US_ASCII);
				bytes[6 + position] = (byte) value;
				boolean digit = (value >= '0' && value <= '9') || (value >= 'a' && value <= 'f');
				assertThat(CastyPaths.askIdAt(bytes, 0, bytes.length)).as("0x%02x at %d", value, position)
					.isEqualTo(digit ? 6 : -1);
				if (digit) {
					long high = Long.parseUnsignedLong(new String(bytes, 6, 16, StandardCharsets.US_ASCII), 16);
					long low = Long.parseUnsignedLong(new String(bytes, 22, 16, StandardCharsets.US_ASCII), 16);
					assertThat(CastyPaths.hex16(bytes, 6)).isEqualTo(high);
					assertThat(CastyPaths.hex16(bytes, 22)).isEqualTo(low);
				}
				char c = (char) value;
				String id = hex.substring(0, position) + c + hex.substring(position + 1);
				assertThat(CastyPaths.isAskId(id)).as("0x%02x at %d", value, position).isEqualTo(digit);
				// a char whose low byte is a digit is not one
				String wide = hex.substring(0, position) + (char) (0x100 | value) + hex.substring(position + 1);
				assertThat(CastyPaths.isAskId(wide)).isFalse();
			}
		}
	}

	@Test
	void aReplyPathWhoseIdIsNotThirtyTwoLowercaseHexDigitsHasNoAskId() {
		String hex = "0123456789abcdef0123456789abcdef";
		for (String path : new String[] { "/_ask/" + hex.toUpperCase(java.util.Locale.ROOT), "/_ask/" + hex.substring(1),
				"/_ask/" + hex + "0", "/_ask/" + hex.substring(1) + "g", "/_ask/" + hex.substring(1) + "/",
				"/_asx/" + hex, "/" + hex, hex }) {
			byte[] bytes = path.getBytes(StandardCharsets.US_ASCII);
			assertThat(CastyPaths.askIdAt(bytes, 0, bytes.length)).as(path).isEqualTo(-1);
			String cut = CastyPaths.askIdOf(path);
			assertThat(cut != null && CastyPaths.isAskId(cut)).as(path).isFalse();
		}
		byte[] bytes = ("/_ask/" + hex).getBytes(StandardCharsets.US_ASCII);
		assertThat(CastyPaths.askIdAt(bytes, 1, bytes.length)).as("the prefix must lie inside the target").isEqualTo(-1);
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
