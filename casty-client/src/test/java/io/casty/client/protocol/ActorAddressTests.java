package io.casty.client.protocol;

import io.casty.client.ActorAddress;
import io.casty.client.ActorRef;
import io.casty.client.InvalidActorAddressException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link ActorAddress} parsing and formatting of Casty actor URIs (CASTY-WIRE §2.2), and
 * {@link ActorRef} built on it.
 */
class ActorAddressTests {

	@Test
	void whenUriIsRemoteThenEveryPartIsParsedAndFormattedBack() {
		ActorAddress address = ActorAddress.parse("casty://wire-demo@127.0.0.1:25602/_region-counter");
		assertThat(address).isEqualTo(new ActorAddress("wire-demo", "127.0.0.1", 25602, "/_region-counter"));
		assertThat(address.isRemote()).isTrue();
		assertThat(address.toUri()).isEqualTo("casty://wire-demo@127.0.0.1:25602/_region-counter");
		assertThat(address).hasToString("casty://wire-demo@127.0.0.1:25602/_region-counter");
	}

	@Test
	void whenUriIsLocalThenThereIsNoHostOrPort() {
		ActorAddress address = ActorAddress.parse("casty://wire-demo/_cluster/_topology");
		assertThat(address.system()).isEqualTo("wire-demo");
		assertThat(address.host()).isNull();
		assertThat(address.port()).isEqualTo(-1);
		assertThat(address.path()).isEqualTo("/_cluster/_topology");
		assertThat(address.isRemote()).isFalse();
		assertThat(address.toUri()).isEqualTo("casty://wire-demo/_cluster/_topology");
	}

	@ParameterizedTest
	@ValueSource(strings = { "casty://s@h:1/_region-counter/entity-alice", "casty://s@h:1/_ask/5b6f6d9b84744629a5e2b9f8b4a075d8",
			"casty://wire-demo-client@127.0.0.1:0/_topology_sub", "casty://s@h:65535/a/b/c/", "casty://s@h:1//double",
			"casty://s@my-host.example.com:25520/x", "casty://s/a/b/c", "casty://s.with.dots/p", "casty://s@h:1/p?q=1#f" })
	void whenUriIsValidThenItRoundTripsUnchanged(String uri) {
		ActorAddress address = ActorAddress.parse(uri);
		assertThat(address.toUri()).isEqualTo(uri);
		assertThat(ActorAddress.parse(address.toUri())).isEqualTo(address);
		assertThat(address.path()).startsWith("/").isEqualTo(uri.substring(uri.indexOf('/', "casty://".length())));
	}

	@Test
	void whenPathHasSlashesThenTheyAreKeptAndOnlyOneLeadingSlashIsAdded() {
		assertThat(ActorAddress.parse("casty://s@h:1/_region-counter/entity-alice").path())
			.isEqualTo("/_region-counter/entity-alice");
		assertThat(ActorAddress.of("s", "h", 1, "_cluster/_receptionist").path()).isEqualTo("/_cluster/_receptionist");
		assertThat(ActorAddress.of("s", "h", 1, "/_cluster/_receptionist").toUri())
			.isEqualTo("casty://s@h:1/_cluster/_receptionist");
		assertThat(ActorAddress.parse("casty://s@h:1/a").withPath("b/c").toUri()).isEqualTo("casty://s@h:1/b/c");
	}

	@Test
	void whenPortHasLeadingZerosThenItIsReadAsPythonIntDoes() {
		assertThat(ActorAddress.parse("casty://s@h:00080/p").port()).isEqualTo(80);
		assertThat(ActorAddress.parse("casty://s@h:0/p").port()).isZero();
	}

	@ParameterizedTest
	@ValueSource(strings = { "casty://s@[::1]:25520/p", "casty://s@::1:25520/p", "casty://s@fe80::1%eth0:1/p" })
	void whenHostIsAnIpv6LiteralThenParsingFails(String uri) {
		assertThatExceptionOfType(InvalidActorAddressException.class).isThrownBy(() -> ActorAddress.parse(uri))
			.withMessageContaining(uri);
	}

	@Test
	void whenIpv6HostIsGivenDirectlyThenTheErrorSaysCastyDoesNotSupportIt() {
		assertThatExceptionOfType(InvalidActorAddressException.class)
			.isThrownBy(() -> ActorAddress.of("s", "::1", 25520, "/p"))
			.withMessageContaining("IPv6");
	}

	@ParameterizedTest
	@ValueSource(strings = { "casty://s@h:1/", "casty://s@h:1", "casty://s/", "casty://s",
			"casty://wire-demo@127.0.0.1:25602/" })
	void whenPathIsMissingThenParsingFails(String uri) {
		assertThatExceptionOfType(InvalidActorAddressException.class).isThrownBy(() -> ActorAddress.parse(uri))
			.withMessageContainingAll(uri, "casty://<system>@<host>:<port>/<path>");
	}

	@Test
	void whenPathIsEmptyOrRelativeInTheConstructorThenItFails() {
		assertThatExceptionOfType(InvalidActorAddressException.class)
			.isThrownBy(() -> new ActorAddress("s", "h", 1, "/"))
			.withMessageContaining("'/'");
		assertThatExceptionOfType(InvalidActorAddressException.class)
			.isThrownBy(() -> new ActorAddress("s", "h", 1, "p"));
	}

	@Test
	void whenSystemContainsAtOrSlashThenItFails() {
		assertThatExceptionOfType(InvalidActorAddressException.class).isThrownBy(() -> ActorAddress.parse("casty://a@b/p"));
		assertThatExceptionOfType(InvalidActorAddressException.class)
			.isThrownBy(() -> ActorAddress.of("a@b", "h", 1, "/p"))
			.withMessageContainingAll("a@b", "'@'");
		assertThatExceptionOfType(InvalidActorAddressException.class)
			.isThrownBy(() -> ActorAddress.of("a/b", "h", 1, "/p"))
			.withMessageContaining("'/'");
		assertThatExceptionOfType(InvalidActorAddressException.class).isThrownBy(() -> ActorAddress.of("", "h", 1, "/p"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "casty://s@h:65536/p", "casty://s@h:99999/p", "casty://s@h:123456/p",
			"casty://s@h:99999999999999999999/p" })
	void whenPortIsAbove65535ThenParsingFails(String uri) {
		assertThatExceptionOfType(InvalidActorAddressException.class).isThrownBy(() -> ActorAddress.parse(uri))
			.withMessageContaining("0-65535");
	}

	@Test
	void whenPortIsOutOfRangeInTheConstructorThenItFails() {
		assertThatExceptionOfType(InvalidActorAddressException.class)
			.isThrownBy(() -> ActorAddress.of("s", "h", 65536, "/p"))
			.withMessageContaining("65536");
		assertThatExceptionOfType(InvalidActorAddressException.class).isThrownBy(() -> ActorAddress.of("s", "h", -1, "/p"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "garbage", "http://s@h:1/p", "casty:/s/p", "casty:s/p", "CASTY://s/p",
			" casty://s/p", "casty://@h:1/p", "casty://s@:1/p", "casty://s@h:/p", "casty://s@h:-1/p", "casty://s@h:1x/p",
			"casty:///p", "casty://s@h:1:2/p" })
	void whenUriIsGarbageThenParsingFailsWithAHelpfulMessage(String uri) {
		assertThatExceptionOfType(InvalidActorAddressException.class).isThrownBy(() -> ActorAddress.parse(uri))
			.withMessageContaining("casty://");
	}

	@Test
	void whenRefIsParsedThenItFormatsBackAndEqualsAnotherRefToTheSameActor() {
		String uri = "casty://wire-demo-client@127.0.0.1:0/_ask/5b6f6d9b84744629a5e2b9f8b4a075d8";
		ActorRef<Integer> ref = ActorRef.parse(uri);
		assertThat(ref.uri()).isEqualTo(uri);
		assertThat(ref).hasToString(uri);
		assertThat(ref.address().path()).isEqualTo("/_ask/5b6f6d9b84744629a5e2b9f8b4a075d8");
		assertThat(ref).isEqualTo(ActorRef.parse(uri)).hasSameHashCodeAs(ActorRef.parse(uri));
		ActorRef<String> narrowed = ref.narrow();
		assertThat((Object) narrowed).isSameAs(ref);
		assertThat(ActorRef.<String>parse("casty://sys/local-actor").uri()).isEqualTo("casty://sys/local-actor");
		assertThat(ref).isNotEqualTo(ActorRef.parse("casty://wire-demo-client@127.0.0.1:1/_ask/5b6f6d9b84744629a5e2b9f8b4a075d8"));
	}

	@Test
	void whenRefUriIsInvalidThenParsingFails() {
		assertThatExceptionOfType(InvalidActorAddressException.class)
			.isThrownBy(() -> ActorRef.parse("casty://wire-demo@127.0.0.1:25602/"));
	}

	@Test
	void whenHeaderTargetNamesAnotherSystemAndHostThenOnlyItsPathMatters() {
		MessageHeader header = new MessageHeader("casty://ignored-system@203.0.113.9:1/_region-counter",
				"casty://wire-demo-client@127.0.0.1:0/", "casty.cluster.envelope.ShardEnvelope");
		assertThat(header.targetPath()).isEqualTo("/_region-counter");
	}


	/**
	 * The hand-written scanner accepts exactly what the two documented patterns accept, with
	 * the same parts, over random strings built from the delimiters and a few letters.
	 */
	@Test
	void whenRandomUrisAreParsedThenTheScannerAgreesWithTheGrammar() {
		java.util.regex.Pattern remote = java.util.regex.Pattern.compile("^casty://([^@/]+)@([^:/]+):(\\d{1,5})/(.+)$",
				java.util.regex.Pattern.DOTALL);
		java.util.regex.Pattern local = java.util.regex.Pattern.compile("^casty://([^@/]+)/(.+)$",
				java.util.regex.Pattern.DOTALL);
		java.util.Random random = new java.util.Random(42);
		String alphabet = "@/:0189ab.-\n";
		int accepted = 0;
		for (int i = 0; i < 200_000; i++) {
			StringBuilder uri = new StringBuilder("casty://");
			int length = random.nextInt(14);
			for (int j = 0; j < length; j++) {
				uri.append(alphabet.charAt(random.nextInt(alphabet.length())));
			}
			String text = uri.toString();
			java.util.regex.Matcher r = remote.matcher(text);
			java.util.regex.Matcher l = local.matcher(text);
			ActorAddress expected = null;
			if (r.matches() && Integer.parseInt(r.group(3)) <= 65535) {
				expected = new ActorAddress(r.group(1), r.group(2), Integer.parseInt(r.group(3)), "/" + r.group(4));
			}
			else if (!r.matches() && l.matches()) {
				expected = new ActorAddress(l.group(1), null, -1, "/" + l.group(2));
			}
			if (expected != null) {
				assertThat(ActorAddress.parse(text)).as(text).isEqualTo(expected);
				accepted++;
			}
			else {
				assertThatExceptionOfType(InvalidActorAddressException.class).as(text)
					.isThrownBy(() -> ActorAddress.parse(text));
			}
		}
		assertThat(accepted).as("accepted URIs").isGreaterThan(1_000);
	}

}
