package io.casty.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.casty.codegen.schema.CastySchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code casty codegen}: the exporter script, the export run with a real Python (when a
 * Python 3.10+ is on the PATH), and the generator.
 */
class CodegenCommandTests {

	private static final String SCHEMA = """
			{"format": "casty-schema", "version": 1, "python": "3.11", "modules": ["shop.cart"], "types": [
			 {"kind": "dataclass", "name": "shop.cart.AddItem", "module": "shop.cart", "qualname": "AddItem",
			  "source": "shop/cart.py", "fields": [
			  {"name": "sku", "type": {"kind": "str"}},
			  {"name": "reply_to", "type": {"kind": "ref", "message": {"kind": "int"}}}]},
			 {"kind": "dataclass", "name": "shop.cart.GetCart", "module": "shop.cart", "qualname": "GetCart",
			  "source": "shop/cart.py", "fields": [{"name": "reply_to", "type": {"kind": "ref", "message": {"kind": "any"}}}]}]}
			""";

	@Test
	void scriptWritesTheExporter(@TempDir Path dir) throws IOException {
		CliRun run = CliRun.of("codegen", "script", dir.toString());
		assertThat(run.code()).as(run.toString()).isZero();
		Path script = dir.resolve("casty_schema.py");
		assertThat(run.out().strip()).isEqualTo(script.toString());
		assertThat(Files.readString(script)).startsWith("\"\"\"Export the dataclasses and enums");
	}

	@Test
	void generateWritesTheSourcesAndListsThem(@TempDir Path dir) throws IOException {
		Path schema = dir.resolve("casty-schema.json");
		Files.writeString(schema, SCHEMA);
		Path out = dir.resolve("src");
		CliRun run = CliRun.of("codegen", "generate", "--schema", schema.toString(), "--package", "com.shop", "--out",
				out.toString(), "--sealed", "shop.cart.CartMsg=AddItem,GetCart");
		assertThat(run.code()).as(run.toString()).isZero();
		assertThat(run.out().lines()).containsExactly(out.resolve("com/shop/AddItem.java").toString(),
				out.resolve("com/shop/GetCart.java").toString(), out.resolve("com/shop/CartMsg.java").toString());
		assertThat(Files.readString(out.resolve("com/shop/AddItem.java")))
			.contains("public record AddItem(String sku, ActorRef<Long> replyTo) implements CartMsg");
	}

	@Test
	void generateFromABadSchemaIsAUsageError(@TempDir Path dir) throws IOException {
		Path schema = dir.resolve("casty-schema.json");
		Files.writeString(schema, SCHEMA.replace("\"version\": 1", "\"version\": 9"));
		CliRun run = CliRun.of("codegen", "generate", "--schema", schema.toString(), "--package", "com.shop", "--out",
				dir.toString());
		assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
		assertThat(run.err()).startsWith("casty: " + schema + ": $.version: version 9 is not supported");
	}

	@Test
	void exportRunsTheExporterWithThePythonGiven(@TempDir Path dir) throws Exception {
		assumeTrue(hasPython310(), "no python3 3.10+ on the PATH");
		Files.createDirectories(dir.resolve("shop"));
		Files.writeString(dir.resolve("shop/__init__.py"), "");
		Files.writeString(dir.resolve("shop/cart.py"), "from dataclasses import dataclass\n\n\n@dataclass(frozen=True)\n"
				+ "class AddItem:\n    sku: str\n    quantity: int = 1\n");
		Path output = dir.resolve("casty-schema.json");
		CliRun run = CliRun.of("codegen", "export", "--dir", dir.toString(), "-o", output.toString(), "shop.cart");
		assertThat(run.code()).as(run.toString()).isZero();
		CastySchema schema = CastySchema.read(output);
		assertThat(schema.modules()).containsExactly("shop.cart");
		assertThat(schema.type("shop.cart.AddItem")).isNotNull();
	}

	@Test
	void exportOfAModuleThatCannotBeImportedSaysSo(@TempDir Path dir) throws Exception {
		assumeTrue(hasPython310(), "no python3 3.10+ on the PATH");
		CliRun run = CliRun.of("codegen", "export", "--dir", dir.toString(), "no_such_module");
		assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
		assertThat(run.err()).contains("cannot import no_such_module");
	}

	private static boolean hasPython310() throws InterruptedException {
		try {
			Process process = new ProcessBuilder("python3", "-c", "import sys; sys.exit(sys.version_info < (3, 10))")
				.redirectErrorStream(true)
				.start();
			process.getInputStream().readAllBytes();
			return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
