package io.casty.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application's repackaged jar holds no test code: no testkit, no test support, no
 * {@code TestSampleApplication} and no Java entity implementations. Run by the build in the
 * {@code package} phase, after {@code spring-boot:repackage}, with the jar's path in the
 * {@code sample.jar} system property (not named {@code *Tests}: the {@code test} phase has no
 * jar yet).
 */
class RepackagedJarCheck {

	@Test
	void theJarHoldsTheApplicationAndTheStarterButNoTestCode() throws IOException {
		Path path = Path.of(System.getProperty("sample.jar", "target/sample-app-0.1.0-SNAPSHOT.jar"));
		assertThat(path).exists();
		assertThat(Files.size(path)).isGreaterThan(1_000_000);
		try (JarFile jar = new JarFile(path.toFile())) {
			List<String> entries = Collections.list(jar.entries()).stream().map(ZipEntry::getName).toList();
			assertThat(jar.getManifest().getMainAttributes().getValue("Start-Class"))
				.isEqualTo(SampleApplication.class.getName());
			assertThat(entries).contains("BOOT-INF/classes/io/casty/sample/SampleApplication.class")
				.anyMatch((e) -> e.matches("BOOT-INF/lib/casty-client-.*\\.jar"))
				.anyMatch((e) -> e.matches("BOOT-INF/lib/casty-spring-boot-autoconfigure-.*\\.jar"))
				.noneMatch((e) -> e.startsWith("BOOT-INF/lib/casty-testkit"))
				.noneMatch((e) -> e.startsWith("BOOT-INF/lib/casty-spring-boot-test"))
				.noneMatch((e) -> e.matches("BOOT-INF/lib/(junit|mockito|assertj|selenium).*"))
				.noneMatch((e) -> e.contains("TestSampleApplication"))
				.noneMatch((e) -> e.startsWith("BOOT-INF/classes/io/casty/sample/embedded/") && e.endsWith(".class"));
		}
	}

}
