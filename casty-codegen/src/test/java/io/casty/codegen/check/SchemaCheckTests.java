package io.casty.codegen.check;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.casty.client.ActorRef;
import io.casty.client.CastyField;
import io.casty.client.CastyMessage;
import io.casty.client.DataclassValue;
import io.casty.codegen.Fixtures;
import io.casty.codegen.schema.CastySchema;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of mismatch between a Java message type and its schema is found and named
 * precisely; a matching type gives none.
 */
class SchemaCheckTests {

	private static final CastySchema ORDERS = CastySchema.parse("""
			{"format": "casty-schema", "version": 1, "python": "3.11", "modules": ["t"], "types": [
			 {"kind": "dataclass", "name": "t.Order", "module": "t", "qualname": "Order", "source": "t.py", "fields": [
			  {"name": "lines", "type": {"kind": "tuple", "item": {"kind": "str"}}},
			  {"name": "total", "type": {"kind": "float"}},
			  {"name": "note", "type": {"kind": "optional", "type": {"kind": "int"}}, "default": {"value": null}},
			  {"name": "tags", "type": {"kind": "frozenset", "item": {"kind": "str"}}},
			  {"name": "counts", "type": {"kind": "dict", "key": {"kind": "int"}, "value": {"kind": "str"}}},
			  {"name": "status", "type": {"kind": "enum", "name": "t.Status"}},
			  {"name": "reply_to", "type": {"kind": "ref", "message": {"kind": "any"}}}]},
			 {"kind": "enum", "name": "t.Status", "module": "t", "qualname": "Status", "source": "t.py",
			  "members": [{"name": "OPEN", "value": 1}, {"name": "CLOSED", "value": 2}]}]}
			""");

	@CastyMessage("t.Status")
	enum Status {

		OPEN, CLOSED

	}

	@CastyMessage("t.Order")
	record Order(@CastyField(tuple = true) List<String> lines, double total, @Nullable Long note, Set<String> tags,
			Map<Long, String> counts, Status status, ActorRef<?> replyTo) {
	}

	@Test
	void whenEveryFieldMatchesThenThereIsNoMismatch() {
		assertThat(SchemaCheck.check(ORDERS, List.of(Order.class))).isEmpty();
	}

	@CastyMessage("shop.messages.AddItem")
	record AddItem(DataclassValue item, long qty, ActorRef<?> replyTo) {
	}

	@Test
	void whenAFieldIsNamedDifferentlyThenItsPositionAndBothNamesAreGiven() {
		assertThat(SchemaCheck.check(Fixtures.shopSchema(), List.of(AddItem.class)))
			.singleElement()
			.satisfies((mismatch) -> {
				assertThat(mismatch.kind()).isEqualTo(SchemaMismatch.Kind.FIELD_NAME);
				assertThat(mismatch.message())
					.isEqualTo("`shop.messages.AddItem`: field 2 is `quantity: int` in Python, Java has `qty`");
			});
	}

	@CastyMessage("t.Order")
	record RenamedOrder(@CastyField(tuple = true) List<String> lines, double total, @CastyField("memo") @Nullable Long note,
			Set<String> tags, Map<Long, String> counts, Status status, ActorRef<?> replyTo) {
	}

	@Test
	void whenACastyFieldNameIsWrongThenTheComponentIsNamedToo() {
		assertThat(SchemaCheck.check(ORDERS, List.of(RenamedOrder.class))).extracting(SchemaMismatch::message)
			.containsExactly("`t.Order`: field 3 is `note: int | None` in Python, Java has `memo` (component note)");
	}

	@CastyMessage("t.Order")
	record ShortOrder(@CastyField(tuple = true) List<String> lines, double total) {
	}

	@Test
	void whenJavaLacksFieldsThenEachMissingFieldIsNamed() {
		List<SchemaMismatch> mismatches = SchemaCheck.check(ORDERS, List.of(ShortOrder.class));
		assertThat(mismatches).extracting(SchemaMismatch::kind).containsOnly(SchemaMismatch.Kind.MISSING_FIELD);
		assertThat(mismatches).hasSize(5);
		assertThat(mismatches.get(0).message()).startsWith("`t.Order`: field 3 `note: int | None` is missing in Java "
				+ ShortOrder.class.getName() + ", which has 2 components");
	}

	@CastyMessage("t.Order")
	record LongOrder(@CastyField(tuple = true) List<String> lines, double total, @Nullable Long note, Set<String> tags,
			Map<Long, String> counts, Status status, ActorRef<?> replyTo, String channel) {
	}

	@Test
	void whenJavaHasAnExtraComponentThenItIsNamed() {
		assertThat(SchemaCheck.check(ORDERS, List.of(LongOrder.class))).singleElement().satisfies((mismatch) -> {
			assertThat(mismatch.kind()).isEqualTo(SchemaMismatch.Kind.EXTRA_FIELD);
			assertThat(mismatch.message()).startsWith("`t.Order`: Java component 8 `channel` is not a field in Python");
		});
	}

	@CastyMessage("t.Order")
	record IntegerTotalOrder(@CastyField(tuple = true) List<String> lines, long total, @Nullable Long note,
			Set<String> tags, Map<Long, String> counts, Status status, ActorRef<?> replyTo) {
	}

	@Test
	void whenAFloatIsAJavaIntegerThenTheTypesAreNamed() {
		assertThat(SchemaCheck.check(ORDERS, List.of(IntegerTotalOrder.class))).singleElement().satisfies((mismatch) -> {
			assertThat(mismatch.kind()).isEqualTo(SchemaMismatch.Kind.FIELD_TYPE);
			assertThat(mismatch.message()).isEqualTo("`t.Order`: field 2 `total: float` in Python, Java has `long total`: "
					+ "a Python float needs a double: a Java integer is sent as an int (1, not 1.0)");
		});
	}

	@CastyMessage("t.Order")
	record StringKeysOrder(@CastyField(tuple = true) List<String> lines, double total, @Nullable Long note,
			Set<String> tags, Map<String, String> counts, Status status, ActorRef<?> replyTo) {
	}

	@Test
	void whenADictKeyTypeDiffersThenTheKeysAreBlamed() {
		assertThat(SchemaCheck.check(ORDERS, List.of(StringKeysOrder.class))).extracting(SchemaMismatch::message)
			.containsExactly("`t.Order`: field 5 `counts: dict[int, str]` in Python, Java has `Map<String, String> counts`: "
					+ "its keys: an int needs a Java integer type (long)");
	}

	@CastyMessage("t.Order")
	record ListOrder(List<String> lines, double total, @Nullable Long note, List<String> tags, Map<Long, String> counts,
			Status status, ActorRef<?> replyTo) {
	}

	@Test
	void whenATupleIsNotMarkedOrAFrozensetIsAListThenBothAreFound() {
		List<SchemaMismatch> mismatches = SchemaCheck.check(ORDERS, List.of(ListOrder.class));
		assertThat(mismatches).extracting(SchemaMismatch::kind)
			.containsExactly(SchemaMismatch.Kind.TUPLE, SchemaMismatch.Kind.FIELD_TYPE);
		assertThat(mismatches.get(0).message()).isEqualTo("`t.Order`: field 1 `lines: tuple[str, ...]` is a tuple in "
				+ "Python, Java sends lines as a list: mark the component @CastyField(tuple = true)");
		assertThat(mismatches.get(1).message()).endsWith("a frozenset needs a Set");
	}

	@CastyMessage("t.Order")
	record PrimitiveNoteOrder(@CastyField(tuple = true) List<String> lines, double total, long note, Set<String> tags,
			Map<Long, String> counts, Status status, ActorRef<?> replyTo) {
	}

	@Test
	void whenAnOptionalFieldIsPrimitiveThenNullabilityIsBlamed() {
		assertThat(SchemaCheck.check(ORDERS, List.of(PrimitiveNoteOrder.class))).singleElement().satisfies((mismatch) -> {
			assertThat(mismatch.kind()).isEqualTo(SchemaMismatch.Kind.NULLABILITY);
			assertThat(mismatch.message()).isEqualTo("`t.Order`: field 3 `note: int | None` can be None in Python; "
					+ "Java's long note cannot hold it: use Long (with @Nullable)");
		});
	}

	@CastyMessage("t.Status")
	enum ShortStatus {

		OPEN, @CastyField("REOPENED")
		REOPENED

	}

	@CastyMessage("t.Order")
	record ShortStatusOrder(@CastyField(tuple = true) List<String> lines, double total, @Nullable Long note,
			Set<String> tags, Map<Long, String> counts, ShortStatus status, ActorRef<?> replyTo) {
	}

	@Test
	void whenEnumMembersDifferThenMissingAndExtraMembersAreNamed() {
		assertThat(SchemaCheck.check(ORDERS, List.of(ShortStatusOrder.class))).singleElement().satisfies((mismatch) -> {
			assertThat(mismatch.kind()).isEqualTo(SchemaMismatch.Kind.ENUM_MEMBERS);
			assertThat(mismatch.message()).isEqualTo("`t.Status`: Python members are [OPEN, CLOSED], Java "
					+ ShortStatus.class.getName() + " has [OPEN, REOPENED]; missing in Java: [CLOSED]; "
					+ "not in Python: [REOPENED] (a node cannot decode them)");
		});
	}

	@CastyMessage("t.Missing")
	record Missing(String text) {
	}

	@Test
	void whenTheSchemaLacksTheTypeThenTheModulesAreListed() {
		assertThat(SchemaCheck.check(ORDERS, List.of(Missing.class))).singleElement().satisfies((mismatch) -> {
			assertThat(mismatch.kind()).isEqualTo(SchemaMismatch.Kind.MISSING_TYPE);
			assertThat(mismatch.message()).isEqualTo("`t.Missing` (Java " + Missing.class.getName()
					+ ") is not in the schema, which describes the modules [t]: correct its @CastyMessage name, "
					+ "or export its module too");
		});
	}

	@CastyMessage("t.Status")
	record StatusRecord(String name) {
	}

	@Test
	void whenARecordClaimsAnEnumThenTheKindsAreNamed() {
		assertThat(SchemaCheck.check(ORDERS, List.of(StatusRecord.class))).extracting(SchemaMismatch::message)
			.containsExactly("`t.Status` is an enum in Python, Java " + StatusRecord.class.getName() + " is a record");
	}

	@CastyMessage("t.Order")
	record WrongEnumOrder(@CastyField(tuple = true) List<String> lines, double total, @Nullable Long note,
			Set<String> tags, Map<Long, String> counts, String status, ActorRef<?> replyTo) {
	}

	@Test
	void whenAnEnumFieldIsAStringThenTheEnumIsNamed() {
		assertThat(SchemaCheck.check(ORDERS, List.of(WrongEnumOrder.class))).extracting(SchemaMismatch::message)
			.containsExactly("`t.Order`: field 6 `status: Status` in Python, Java has `String status`: "
					+ "Python's t.Status needs the Java type annotated @CastyMessage(\"t.Status\")");
	}

}
