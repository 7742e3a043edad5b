package io.casty.codegen.java;

import java.util.List;

import io.casty.codegen.Fixtures;
import io.casty.codegen.schema.CastySchema;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The generator's naming rules and its refusals, each with what to do.
 */
class JavaGeneratorTests {

	@Test
	void pythonNamesBecomeJavaComponentNames() {
		assertThat(TypeNames.componentName("reply_to")).isEqualTo("replyTo");
		assertThat(TypeNames.componentName("http_url2")).isEqualTo("httpUrl2");
		assertThat(TypeNames.componentName("new")).isEqualTo("new_");
		assertThat(TypeNames.componentName("hash_code")).isEqualTo("hashCode_");
		assertThat(TypeNames.componentName("_private")).isEqualTo("private_");
		assertThat(TypeNames.upperSnake("darkBlue")).isEqualTo("DARK_BLUE");
		assertThat(TypeNames.upperSnake("gold")).isEqualTo("GOLD");
	}

	@Test
	void aSealedMemberMissingFromTheSchemaIsRefused() {
		JavaGenerator generator = JavaGenerator
			.of(JavaGenerator.Options.of("com.example").withSealed("shop.messages.CartMsg=AddItem,Checkout2"));
		assertThatThrownBy(() -> generator.generate(Fixtures.shopSchema())).isInstanceOf(GenerationException.class)
			.hasMessageStartingWith("Sealed interface shop.messages.CartMsg: shop.messages.Checkout2 is not in the schema");
	}

	@Test
	void aSealedSpecWithoutMembersIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> JavaGenerator.Options.of("x").withSealed("shop.CartMsg"))
			.withMessageContaining("shop.messages.CartMsg=AddItem,GetCart");
	}

	@Test
	void twoTypesWithOneJavaNameAreRefused() {
		CastySchema schema = CastySchema.parse("""
				{"format": "casty-schema", "version": 1, "modules": ["a", "b"], "types": [
				 {"kind": "dataclass", "name": "a.Item", "module": "a", "qualname": "Item", "fields": []},
				 {"kind": "dataclass", "name": "b.Item", "module": "b", "qualname": "Item", "fields": []}]}
				""");
		assertThatThrownBy(() -> JavaGenerator.of(JavaGenerator.Options.of("com.example")).generate(schema))
			.isInstanceOf(GenerationException.class)
			.hasMessage("a.Item and b.Item would both be com.example.Item: map their modules to different packages");
		assertThat(JavaGenerator.of(JavaGenerator.Options.of("com.example").withModulePackage("b", "com.example.b"))
			.generate(schema)).extracting(GeneratedSource::qualifiedName)
			.containsExactly("com.example.Item", "com.example.b.Item");
	}

	@Test
	void aFieldWithoutInitIsRefused() {
		CastySchema schema = CastySchema.parse("""
				{"format": "casty-schema", "version": 1, "modules": ["a"], "types": [
				 {"kind": "dataclass", "name": "a.Job", "module": "a", "qualname": "Job", "fields": [
				  {"name": "id", "type": {"kind": "str"}, "init": false}]}]}
				""");
		assertThatThrownBy(() -> JavaGenerator.of(JavaGenerator.Options.of("com.example")).generate(schema))
			.isInstanceOf(GenerationException.class)
			.hasMessageStartingWith("a.Job.id is declared with init=False");
	}

	@Test
	void aUnionNoSealedInterfaceCoversIsAnObject() {
		List<GeneratedSource> sources = JavaGenerator.of(JavaGenerator.Options.of("com.example"))
			.generate(Fixtures.shopSchema());
		assertThat(sources).filteredOn((s) -> s.qualifiedName().equals("com.example.CartView"))
			.singleElement()
			.satisfies((s) -> assertThat(s.content()).contains("@Nullable Object lastEvent,", "@Nullable Object event,"));
	}

}
