package io.casty.codegen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The exporter, run with a real Python 3.10+ on the test modules, writes exactly the
 * committed fixtures (which the generator tests read, so CI without Python still tests the
 * generator). Runs only when {@code python3} or {@code python} on the PATH is 3.10 or newer.
 */
class CastySchemaScriptTests {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static @Nullable String python;

	@BeforeAll
	static void findPython() throws InterruptedException {
		for (String candidate : List.of("python3", "python")) {
			try {
				Result version = run(Path.of("."), List.of(candidate, "-c",
						"import sys; print(sys.version_info >= (3, 10))"));
				if (version.exit == 0 && version.out.strip().equals("True")) {
					python = candidate;
					return;
				}
			}
			catch (IOException ex) {
				// not on the PATH: try the next name
			}
		}
	}

	@Test
	void exportingTheShopModulesGivesTheCommittedFixture(@TempDir Path dir) throws Exception {
		assertExports(dir, "fixtures/shop-schema.json", "shop.messages", "shop.catalog");
	}

	@Test
	void exportingTheWirevecModuleGivesTheCommittedFixture(@TempDir Path dir) throws Exception {
		assertExports(dir, "fixtures/wirevec-schema.json", "wirevec.messages");
	}

	@Test
	void aSetFieldIsRefusedWithTheFieldNamed(@TempDir Path dir) throws Exception {
		assumeTrue(python != null, "no Python 3.10+ on the PATH");
		Files.writeString(dir.resolve("badmod.py"), "from dataclasses import dataclass\n\n@dataclass\nclass Bag:\n"
				+ "    items: set[int]\n");
		Result result = run(dir, List.of(python, CastySchemaScript.extractTo(dir.resolve("bin")).toString(), "badmod"));
		assertThat(result.exit).isEqualTo(1);
		assertThat(result.err).contains("badmod.Bag.items").contains("frozenset");
	}

	@Test
	void aModuleThatCannotBeImportedIsReported(@TempDir Path dir) throws Exception {
		assumeTrue(python != null, "no Python 3.10+ on the PATH");
		Result result = run(dir, List.of(python, CastySchemaScript.extractTo(dir).toString(), "no_such_module"));
		assertThat(result.exit).isEqualTo(1);
		assertThat(result.err).contains("cannot import no_such_module");
	}

	private static void assertExports(Path dir, String fixture, String... modules) throws Exception {
		assumeTrue(python != null, "no Python 3.10+ on the PATH");
		Path script = CastySchemaScript.extractTo(dir);
		Path modulesRoot = Path.of("src/test/resources/python").toAbsolutePath();
		List<String> command = new ArrayList<>(List.of(python, script.toString()));
		command.addAll(List.of(modules));
		Result result = run(modulesRoot, command);
		assertThat(result.exit).as(result.err).isZero();
		assertThat(withoutPythonVersion(result.out)).isEqualTo(withoutPythonVersion(Fixtures.text(fixture)));
	}

	private static JsonNode withoutPythonVersion(String json) {
		ObjectNode node = (ObjectNode) MAPPER.readTree(json);
		node.remove("python");
		return node;
	}

	private static Result run(Path dir, List<String> command) throws IOException, InterruptedException {
		Path out = Files.createTempFile("casty-schema", ".out");
		Path err = Files.createTempFile("casty-schema", ".err");
		try {
			ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
				.redirectOutput(out.toFile())
				.redirectError(err.toFile());
			builder.environment().remove("PYTHONPATH");
			Process process = builder.start();
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new AssertionError("python did not finish in 60 s: " + command);
			}
			return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
					Files.readString(err, StandardCharsets.UTF_8));
		}
		finally {
			Files.deleteIfExists(out);
			Files.deleteIfExists(err);
		}
	}

	private record Result(int exit, String out, String err) {
	}

}
