package io.casty.codegen.schema;

import io.casty.codegen.Fixtures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Reading casty-schema documents: the fixtures' model, and errors naming the JSON path.
 */
class CastySchemaTests {

	@Test
	void theShopFixtureReadsIntoTheModel() {
		CastySchema schema = Fixtures.shopSchema();
		assertThat(schema.version()).isEqualTo(1);
		assertThat(schema.modules()).containsExactly("shop.messages", "shop.catalog");
		SchemaType.Dataclass view = (SchemaType.Dataclass) schema.type("shop.messages.CartView");
		assertThat(view.fields()).extracting(SchemaType.Field::toPython)
			.startsWith("lines: tuple[Item, ...]", "total: float", "coupons: frozenset[str]", "counts: dict[str, int]",
					"positions: dict[int, Entry]", "note: str | None", "color: Color",
					"last_event: Checkout | Cancel | None");
		assertThat(view.fields()).filteredOn((f) -> f.name().equals("tags"))
			.extracting(SchemaType.Field::defaultValue)
			.containsExactly("field(default_factory=list)");
		assertThat(view.fields()).filteredOn((f) -> f.name().equals("ratio"))
			.extracting(SchemaType.Field::defaultValue)
			.containsExactly("1.0");
		SchemaType.PyEnum priority = (SchemaType.PyEnum) schema.type("shop.messages.Priority");
		assertThat(priority.base()).isEqualTo("IntEnum");
		assertThat(priority.memberNames()).containsExactly("low", "high");
		assertThat(schema.type("shop.catalog.Catalog.Entry")).isInstanceOf(SchemaType.Dataclass.class);
		SchemaType.Dataclass stock = (SchemaType.Dataclass) schema.type("shop.catalog.Stock");
		assertThat(stock.fields()).extracting(SchemaType.Field::toPython)
			.containsExactly("quantity: int", "readings: list[float | None]", "unit: Unit", "nothing: tuple[()]");
		SchemaType.PyEnum unit = (SchemaType.PyEnum) schema.type("shop.catalog.Unit");
		assertThat(unit.members()).extracting(SchemaType.Member::aliasOf).containsExactly(null, null, "KILOGRAM");
	}

	@Test
	void anotherVersionIsRefusedWithWhatToDo() {
		assertThatThrownBy(() -> CastySchema.parse("{\"format\": \"casty-schema\", \"version\": 2, \"modules\": [], \"types\": []}"))
			.isInstanceOf(SchemaFormatException.class)
			.hasMessage("$.version: version 2 is not supported; this library reads version 1 "
					+ "(export again with the casty_schema.py of this release)");
	}

	@Test
	void anotherDocumentIsRefused() {
		assertThatThrownBy(() -> CastySchema.parse("{\"format\": \"openapi\"}")).isInstanceOf(SchemaFormatException.class)
			.hasMessage("$.format: expected 'casty-schema', got 'openapi'");
		assertThatThrownBy(() -> CastySchema.parse("not json")).isInstanceOf(SchemaFormatException.class)
			.hasMessageStartingWith("Not a JSON document");
	}

	@Test
	void anUnknownTypeKindIsReportedWithItsPath() {
		assertThatThrownBy(() -> CastySchema.parse("""
				{"format": "casty-schema", "version": 1, "modules": ["t"], "types": [
				 {"kind": "dataclass", "name": "t.A", "module": "t", "qualname": "A", "fields": [
				  {"name": "x", "type": {"kind": "list", "item": {"kind": "complex"}}}]}]}
				""")).isInstanceOf(SchemaFormatException.class)
			.hasMessage("$.types[0].fields[0].type.item.kind: unknown type kind 'complex'");
	}

}
