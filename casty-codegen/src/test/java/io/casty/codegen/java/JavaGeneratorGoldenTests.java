package io.casty.codegen.java;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.casty.codegen.Fixtures;
import io.casty.codegen.schema.CastySchema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generator's output for the committed schemas is exactly the committed golden sources
 * in {@code src/test/resources/golden}. After an intended change of the output, regenerate
 * them with {@code -Dcasty.codegen.golden.update=src/test/resources/golden} and review the
 * diff.
 */
class JavaGeneratorGoldenTests {

	static Stream<Arguments> fixtures() {
		return Stream.of(Arguments.of("shop", Fixtures.shopSchema(), Fixtures.SHOP_OPTIONS),
				Arguments.of("wirevec", Fixtures.wirevecSchema(), Fixtures.WIREVEC_OPTIONS));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("fixtures")
	void generatedSourcesAreTheGoldenOnes(String name, CastySchema schema, JavaGenerator.Options options) {
		List<GeneratedSource> sources = JavaGenerator.of(options).generate(schema);
		String update = System.getProperty("casty.codegen.golden.update");
		if (update != null) {
			sources.forEach((source) -> source.writeTo(Path.of(update, name)));
		}
		List<String> index = Fixtures.text("golden/" + name + "/index.txt").lines().toList();
		assertThat(sources).extracting(GeneratedSource::relativePath).containsExactlyInAnyOrderElementsOf(index);
		for (GeneratedSource source : sources) {
			assertThat(source.content()).as(source.relativePath())
				.isEqualTo(Fixtures.text("golden/" + name + "/" + source.relativePath()));
		}
	}

}
