package io.casty.codegen.java;

import java.util.List;

import io.casty.codegen.Fixtures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated sources compile with {@code -Xlint:all -Werror -Xdoclint:all}.
 */
class GeneratedSourcesCompileTests {

	@Test
	void shopSourcesCompileWithoutAnyWarning() throws Exception {
		List<GeneratedSource> sources = JavaGenerator.of(Fixtures.SHOP_OPTIONS).generate(Fixtures.shopSchema());
		ClassLoader loader = InMemoryCompiler.compile(sources);
		Class<?> cartMsg = loader.loadClass("com.example.shop.CartMsg");
		assertThat(cartMsg.isSealed()).isTrue();
		assertThat(cartMsg.getPermittedSubclasses()).extracting(Class::getSimpleName)
			.containsExactly("AddItem", "RemoveItem", "GetCart");
		assertThat(loader.loadClass("com.example.shop.catalog.CatalogEntry").isRecord()).isTrue();
	}

	@Test
	void wirevecSourcesCompileWithoutAnyWarning() throws Exception {
		ClassLoader loader = InMemoryCompiler
			.compile(JavaGenerator.of(Fixtures.WIREVEC_OPTIONS).generate(Fixtures.wirevecSchema()));
		assertThat(loader.loadClass("com.example.wirevec.Level").isEnum()).isTrue();
	}

	@Test
	void aWarningFailsTheCompilation() {
		GeneratedSource raw = new GeneratedSource("com.example.Raw",
				"package com.example;\n\n/** Raw. */\npublic final class Raw {\n\n\t/** Raw list.\n\t * @return it\n\t */\n"
						+ "\tpublic static java.util.List list() {\n\t\treturn new java.util.ArrayList();\n\t}\n\n"
						+ "\tprivate Raw() {\n\t}\n\n}\n");
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> InMemoryCompiler.compile(List.of(raw)))
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("found raw type");
	}

}
