package io.casty.cli;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.casty.client.ActorRef;
import io.casty.client.DataclassValue;
import io.casty.client.EnumValue;
import io.casty.client.Tuple;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link CastyJson}.
 */
class CastyJsonTests {

	private static final String PROFILE = "{\"_type\":\"wirevec.messages.Profile\",\"entity_id\":\"p-2\","
			+ "\"level\":{\"__enum__\":\"wirevec.messages.Level\",\"value\":\"gold\"},"
			+ "\"tags\":{\"__frozenset__\":[\"vip\"]},\"coords\":{\"__tuple__\":[3,-4]},"
			+ "\"attrs\":{\"__dict__\":[[\"age\",42],[7,\"seven\"]]},\"scores\":[1.5,2.0],\"nickname\":null,"
			+ "\"active\":true,\"home\":{\"_type\":\"wirevec.messages.Point\",\"x\":0.25,\"y\":-1.0},"
			+ "\"owner\":{\"__ref__\":\"casty://shop@10.0.0.5:25520/user/owner\"}}";

	@Test
	void everyMarkerOfCastysJsonBecomesItsGenericValue() {
		DataclassValue profile = CastyJson.parseMessage(PROFILE);
		assertThat(profile.type()).isEqualTo("wirevec.messages.Profile");
		assertThat(profile.fields().keySet()).containsExactly("entity_id", "level", "tags", "coords", "attrs", "scores",
				"nickname", "active", "home", "owner");
		assertThat(profile.get("level")).isEqualTo(new EnumValue("wirevec.messages.Level", "gold"));
		assertThat(profile.get("tags")).isEqualTo(Set.of("vip"));
		assertThat(profile.get("coords")).isEqualTo(new Tuple(List.of(3L, -4L)));
		assertThat(profile.get("attrs")).isEqualTo(Map.of("age", 42L, 7L, "seven"));
		assertThat(profile.get("scores")).isEqualTo(List.of(1.5, 2.0));
		assertThat(profile.get("nickname")).isNull();
		assertThat(profile.get("active")).isEqualTo(true);
		assertThat(profile.get("home")).isEqualTo(new DataclassValue("wirevec.messages.Point", Map.of("x", 0.25, "y", -1.0)));
		assertThat(profile.get("owner")).isEqualTo(ActorRef.parse("casty://shop@10.0.0.5:25520/user/owner"));
	}

	@Test
	void printingAParsedMessageGivesTheSameJsonBack() {
		assertThat(CastyJson.MAPPER.writeValueAsString(CastyJson.toJson(CastyJson.parseMessage(PROFILE))))
			.isEqualTo(PROFILE);
	}

	@Test
	void floatsStayFloatsAndBigIntegersStayExact() {
		DataclassValue value = CastyJson.parseMessage("{\"_type\":\"m.A\",\"f\":1.0,\"i\":1,\"big\":18446744073709551614}");
		assertThat(value.get("f")).isEqualTo(1.0);
		assertThat(value.get("i")).isEqualTo(1L);
		assertThat(value.get("big")).hasToString("18446744073709551614");
	}

	@Test
	void malformedMarkersAreUsageErrorsThatSayWhere() {
		assertThatExceptionOfType(CliException.class)
			.isThrownBy(() -> CastyJson.parseMessage("{\"_type\":\"m.A\",\"d\":{\"__dict__\":[[1]]}}"))
			.withMessageContaining("$.d.__dict__[0]")
			.satisfies((ex) -> assertThat(ex.exitCode()).isEqualTo(ExitCodes.USAGE));
		assertThatExceptionOfType(CliException.class)
			.isThrownBy(() -> CastyJson.parseMessage("{\"_type\":\"m.A\",\"e\":{\"__enum__\":\"m.E\"}}"))
			.withMessageContaining("$.e");
		assertThatExceptionOfType(CliException.class).isThrownBy(() -> CastyJson.parseMessage("[1, 2]"))
			.withMessageContaining("\"_type\"");
	}

}
