package io.casty.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.casty.codegen.CastySchemaScript;
import io.casty.codegen.check.SchemaCheck;
import io.casty.codegen.schema.CastySchema;
import io.casty.sample.messages.AccountMsg;
import io.casty.sample.messages.AccountReply;
import io.casty.sample.messages.CounterMsg;
import io.casty.sample.messages.LoyaltyMsg;
import io.casty.sample.messages.PaymentMsg;
import io.casty.sample.messages.PaymentStatus;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The committed {@code casty-schema.json} is what {@code casty_schema.py} exports from the
 * sample's Python module (checked when a Python 3.10+ is on the PATH), and every
 * hand-written message type matches it.
 */
class SampleSchemaTests {

	private static final Path SCHEMA = Path.of("src/main/resources/casty-schema.json");

	@Test
	void everyMessageTypeMatchesThePythonSchema() {
		assertThat(SchemaCheck.check(CastySchema.read(SCHEMA), List.of(LoyaltyMsg.class, CounterMsg.class,
				AccountMsg.class, AccountReply.class, PaymentMsg.class, PaymentStatus.class)))
			.isEmpty();
	}

	@Test
	void theCommittedSchemaIsWhatThePythonModuleExports(@TempDir Path dir) throws Exception {
		String python = python();
		assumeTrue(python != null, "no Python 3.10+ on the PATH");
		Path out = dir.resolve("schema.json");
		Process process = new ProcessBuilder(python, CastySchemaScript.extractTo(dir).toString(), "casty_sample.messages")
			.directory(Path.of("src/main/python").toFile())
			.redirectOutput(out.toFile())
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).isZero();
		JsonMapper mapper = JsonMapper.builder().build();
		ObjectNode exported = (ObjectNode) mapper.readTree(Files.readString(out, StandardCharsets.UTF_8));
		ObjectNode committed = (ObjectNode) mapper.readTree(Files.readString(SCHEMA, StandardCharsets.UTF_8));
		exported.remove("python");
		committed.remove("python");
		assertThat(exported).as("re-export with: cd sample-app/src/main/python && python3 casty_schema.py "
				+ "casty_sample.messages > ../resources/casty-schema.json").isEqualTo(committed);
	}

	private static @Nullable String python() throws InterruptedException {
		for (String candidate : List.of("python3", "python")) {
			try {
				Process process = new ProcessBuilder(candidate, "-c", "import sys; sys.exit(sys.version_info < (3, 10))")
					.redirectErrorStream(true)
					.start();
				process.getInputStream().readAllBytes();
				if (process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0) {
					return candidate;
				}
			}
			catch (IOException ex) {
				// not on the PATH: try the next name
			}
		}
		return null;
	}

}
