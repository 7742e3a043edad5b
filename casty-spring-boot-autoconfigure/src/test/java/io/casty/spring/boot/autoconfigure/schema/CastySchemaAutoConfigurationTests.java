package io.casty.spring.boot.autoconfigure.schema;

import java.util.List;

import io.casty.client.ActorRef;
import io.casty.client.CastyField;
import io.casty.client.CastyMessage;
import io.casty.codegen.check.SchemaCheck;
import io.casty.spring.boot.autoconfigure.CastyClientAutoConfiguration;
import io.casty.spring.boot.autoconfigure.CastyClientOptionsCustomizer;
import io.casty.spring.boot.autoconfigure.CastyConfigurationFailureAnalyzer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CastySchemaAutoConfiguration}: each kind of mismatch fails start-up with
 * a failure analysis that names it.
 */
class CastySchemaAutoConfigurationTests {

	private static final String SCHEMA = "casty.client.schema.location=classpath:schema/orders-schema.json";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CastyClientAutoConfiguration.class, CastySchemaAutoConfiguration.class))
		.withPropertyValues("casty.client.contact-points=127.0.0.1:1");

	@CastyMessage("shop.orders.Status")
	public enum Status {

		OPEN, SHIPPED

	}

	@CastyMessage("shop.orders.PlaceOrder")
	public record PlaceOrder(String sku, long quantity, @CastyField(tuple = true) List<String> lines, double discount,
			@Nullable Long note, Status status, ActorRef<?> replyTo) {
	}

	@Test
	void whenNoLocationIsSetThenNothingIsChecked() {
		this.contextRunner.withBean(CastyClientOptionsCustomizer.class, () -> (b) -> b.messageTypes(Wrong.Renamed.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CastySchemaVerifier.class));
	}

	@Test
	void whenTheTypesMatchThenStartUpSucceeds() {
		withTypes(PlaceOrder.class).withPropertyValues(SCHEMA).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(CastySchemaVerifier.class);
			assertThat(context.getBean(CastySchemaVerifier.class).messageTypes()).containsExactly(PlaceOrder.class);
		});
	}

	@Test
	void whenCastyCodegenIsAbsentThenNothingIsChecked() {
		withTypes(Wrong.Renamed.class).withPropertyValues(SCHEMA)
			.withClassLoader(new FilteredClassLoader(SchemaCheck.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CastySchemaVerifier.class));
	}

	@Test
	void whenAFieldIsRenamedThenStartUpFailsNamingBothSides() {
		assertFailsWith(Wrong.Renamed.class,
				"`shop.orders.PlaceOrder`: field 2 is `quantity: int` in Python, Java has `qty`");
	}

	@Test
	void whenFieldsAreReorderedThenEachPositionIsNamed() {
		assertFailsWith(Wrong.Reordered.class,
				"`shop.orders.PlaceOrder`: field 1 is `sku: str` in Python, Java has `quantity`",
				"`shop.orders.PlaceOrder`: field 2 is `quantity: int` in Python, Java has `sku`");
	}

	@Test
	void whenAFieldTypeDiffersThenStartUpFailsNamingBothTypes() {
		assertFailsWith(Wrong.IntegerDiscount.class, "`shop.orders.PlaceOrder`: field 4 `discount: float` in Python, "
				+ "Java has `long discount`: a Python float needs a double: a Java integer is sent as an int (1, not 1.0)");
	}

	@Test
	void whenATupleIsNotMarkedThenStartUpFailsSayingHowToMarkIt() {
		assertFailsWith(Wrong.UnmarkedTuple.class, "`shop.orders.PlaceOrder`: field 3 `lines: tuple[str, ...]` is a tuple "
				+ "in Python, Java sends lines as a list: mark the component @CastyField(tuple = true)");
	}

	@Test
	void whenAnOptionalFieldIsPrimitiveThenStartUpFails() {
		assertFailsWith(Wrong.PrimitiveNote.class, "`shop.orders.PlaceOrder`: field 5 `note: int | None` can be None in "
				+ "Python; Java's long note cannot hold it: use Long (with @Nullable)");
	}

	@Test
	void whenAFieldIsMissingThenStartUpFails() {
		assertFailsWith(Wrong.NoReplyTo.class, "`shop.orders.PlaceOrder`: field 7 `reply_to: ActorRef` is missing in "
				+ "Java " + Wrong.NoReplyTo.class.getName() + ", which has 6 components");
	}

	@Test
	void whenEnumMembersDifferThenStartUpFailsNamingThem() {
		assertFailsWith(Wrong.StatusOrder.class, "`shop.orders.Status`: Python members are [OPEN, SHIPPED], Java "
				+ Wrong.ShortStatus.class.getName() + " has [OPEN, CANCELLED]; missing in Java: [SHIPPED]; "
				+ "not in Python: [CANCELLED] (a node cannot decode them)");
	}

	@Test
	void whenATypeIsNotInTheSchemaThenStartUpFailsNamingTheModules() {
		assertFailsWith(Wrong.Unknown.class, "`shop.orders.CancelOrder` (Java " + Wrong.Unknown.class.getName()
				+ ") is not in the schema, which describes the modules [shop.orders]: correct its @CastyMessage name, "
				+ "or export its module too");
	}

	@Test
	void whenTheSchemaDoesNotExistThenStartUpFailsSayingHowToExportIt() {
		withTypes(PlaceOrder.class).withPropertyValues("casty.client.schema.location=classpath:schema/nope.json")
			.run((context) -> {
				FailureAnalysis analysis = analysis(context);
				assertThat(analysis.getDescription())
					.isEqualTo("The Casty schema class path resource [schema/nope.json] (casty.client.schema.location) "
							+ "does not exist");
				assertThat(analysis.getAction()).contains("python casty_schema.py <modules> > casty-schema.json");
			});
	}

	@Test
	void whenTheSchemaIsNotACastySchemaThenStartUpFailsNamingTheProblem() {
		withTypes(PlaceOrder.class).withPropertyValues("casty.client.schema.location=classpath:logback-test.xml")
			.run((context) -> assertThat(analysis(context).getDescription()).startsWith(
					"The Casty schema class path resource [logback-test.xml] (casty.client.schema.location) is not a "
							+ "valid casty-schema document: Not a JSON document"));
	}

	private void assertFailsWith(Class<?> type, String... mismatches) {
		withTypes(type).withPropertyValues(SCHEMA).run((context) -> {
			FailureAnalysis analysis = analysis(context);
			assertThat(analysis.getDescription()).startsWith("The Java message types do not match the Python schema "
					+ "class path resource [schema/orders-schema.json] (modules [shop.orders]), " + mismatches.length
					+ ((mismatches.length == 1) ? " mismatch:" : " mismatches:"));
			for (String mismatch : mismatches) {
				assertThat(analysis.getDescription()).contains("\n  - " + mismatch);
			}
			assertThat(analysis.getDescription().lines().count()).isEqualTo(mismatches.length + 1);
			assertThat(analysis.getAction()).contains("casty.client.schema.location");
		});
	}

	private ApplicationContextRunner withTypes(Class<?>... types) {
		return this.contextRunner.withBean(CastyClientOptionsCustomizer.class, () -> (b) -> b.messageTypes(types));
	}

	private static FailureAnalysis analysis(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		FailureAnalysis analysis = new CastyConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
		assertThat(analysis).as("failure analysis of %s", context.getStartupFailure()).isNotNull();
		return analysis;
	}

	/** Java types that each differ from the schema in one way. */
	static final class Wrong {

		@CastyMessage("shop.orders.PlaceOrder")
		public record Renamed(String sku, long qty, @CastyField(tuple = true) List<String> lines, double discount,
				@Nullable Long note, Status status, ActorRef<?> replyTo) {
		}

		@CastyMessage("shop.orders.PlaceOrder")
		public record Reordered(long quantity, String sku, @CastyField(tuple = true) List<String> lines,
				double discount, @Nullable Long note, Status status, ActorRef<?> replyTo) {
		}

		@CastyMessage("shop.orders.PlaceOrder")
		public record IntegerDiscount(String sku, long quantity, @CastyField(tuple = true) List<String> lines,
				long discount, @Nullable Long note, Status status, ActorRef<?> replyTo) {
		}

		@CastyMessage("shop.orders.PlaceOrder")
		public record UnmarkedTuple(String sku, long quantity, List<String> lines, double discount, @Nullable Long note,
				Status status, ActorRef<?> replyTo) {
		}

		@CastyMessage("shop.orders.PlaceOrder")
		public record PrimitiveNote(String sku, long quantity, @CastyField(tuple = true) List<String> lines,
				double discount, long note, Status status, ActorRef<?> replyTo) {
		}

		@CastyMessage("shop.orders.PlaceOrder")
		public record NoReplyTo(String sku, long quantity, @CastyField(tuple = true) List<String> lines,
				double discount, @Nullable Long note, Status status) {
		}

		@CastyMessage("shop.orders.Status")
		public enum ShortStatus {

			OPEN, CANCELLED

		}

		@CastyMessage("shop.orders.PlaceOrder")
		public record StatusOrder(String sku, long quantity, @CastyField(tuple = true) List<String> lines,
				double discount, @Nullable Long note, ShortStatus status, ActorRef<?> replyTo) {
		}

		@CastyMessage("shop.orders.CancelOrder")
		public record Unknown(String sku) {
		}

		private Wrong() {
		}

	}

}
