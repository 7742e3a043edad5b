package io.casty.client;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The import rules of ARCHITECTURE.md, read from the sources: the layers below the root
 * package import each other one way only, so there is no cycle among them, and
 * {@code protocol} knows nothing of connections, topology, routing or messaging, and
 * {@code transport} knows no message codec or message type; and, read by reflection, the
 * public API (the root package's public types and {@code TopologyView}) exposes no wire record
 * of {@code protocol.messages}.
 */
class PackageDependencyTests {

	/**
	 * Each layer may import only layers of a lower rank (and the root package). A package not
	 * listed is a feature on top ({@link #FEATURE}): it may use every layer, no layer may use it.
	 */
	private static final Map<String, Integer> RANKS = Map.ofEntries(Map.entry("internal", 0),
			Map.entry("protocol.messages", 0), Map.entry("distributed.protocol", 0), Map.entry("protocol.codec", 1),
			Map.entry("protocol", 2), Map.entry("transport", 3), Map.entry("topology", 4), Map.entry("messaging", 5),
			Map.entry("routing", 6), Map.entry("distributed", 7), Map.entry("actors", 7), Map.entry("streams", 8));

	private static final int FEATURE = 8;

	private static final Pattern IMPORT = Pattern.compile("^import (?:static )?io\\.casty\\.client\\.([a-z.]+?)\\.[A-Z]",
			Pattern.MULTILINE);

	private static final Path SOURCES = Path.of("src/main/java/io/casty/client");

	@Test
	void layersImportEachOtherOneWayOnly() throws IOException {
		List<String> violations = new ArrayList<>();
		try (Stream<Path> files = Files.walk(SOURCES)) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".java")).toList()) {
				String layer = SOURCES.relativize(file.getParent()).toString().replace('/', '.');
				if (layer.isEmpty()) {
					continue;
				}
				int rank = RANKS.getOrDefault(layer, FEATURE);
				Matcher m = IMPORT.matcher(Files.readString(file));
				while (m.find()) {
					String imported = m.group(1);
					if (!imported.equals(layer) && rank < FEATURE && RANKS.getOrDefault(imported, FEATURE) >= rank) {
						violations.add(file.getFileName() + " (" + layer + ") imports " + imported);
					}
				}
			}
		}
		assertThat(violations).isEmpty();
	}

	@Test
	void transportImportsNoMessageCodecOrMessages() throws IOException {
		// transport moves frames and bytes: messages arrive encoded (protocol.EncodedMessage)
		try (Stream<Path> files = Files.walk(SOURCES.resolve("transport"))) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".java")).toList()) {
				assertThat(Files.readString(file)).as(file.toString())
					.doesNotContain("io.casty.client.protocol.codec.")
					.doesNotContain("io.casty.client.protocol.messages.");
			}
		}
	}

	@Test
	void protocolImportsNoTransportTopologyRoutingOrMessaging() throws IOException {
		try (Stream<Path> files = Files.walk(SOURCES.resolve("protocol"))) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".java")).toList()) {
				assertThat(Files.readString(file)).as(file.toString())
					.doesNotContain("import io.casty.client.transport.")
					.doesNotContain("import io.casty.client.topology.")
					.doesNotContain("import io.casty.client.routing.")
					.doesNotContain("import io.casty.client.messaging.");
			}
		}
	}

	@Test
	void theApiSpeaksNoWireRecords() throws Exception {
		// users see API values (NodeAddress, ClusterMember, MemberState, ServiceInstanceInfo),
		// never protocol.messages records: the public types of the root package and TopologyView
		List<Class<?>> api = new ArrayList<>();
		try (Stream<Path> files = Files.list(SOURCES)) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".java")).toList()) {
				String name = file.getFileName().toString().replace(".java", "");
				if (!name.equals("package-info")) {
					api.add(Class.forName("io.casty.client." + name));
				}
			}
		}
		api.add(io.casty.client.topology.TopologyView.class);
		List<String> leaks = new ArrayList<>();
		for (Class<?> type : api) {
			wireTypesIn(type, leaks);
		}
		assertThat(leaks).isEmpty();
	}

	private static void wireTypesIn(Class<?> type, List<String> leaks) {
		if (!Modifier.isPublic(type.getModifiers())) {
			return;
		}
		for (Method method : type.getDeclaredMethods()) {
			if (Modifier.isPublic(method.getModifiers()) && !method.isSynthetic()) {
				List<Type> types = new ArrayList<>(List.of(method.getGenericParameterTypes()));
				types.add(method.getGenericReturnType());
				leaks(type.getName() + "." + method.getName(), types, leaks);
			}
		}
		for (Constructor<?> constructor : type.getDeclaredConstructors()) {
			if (Modifier.isPublic(constructor.getModifiers())) {
				leaks(type.getName() + ".<init>", List.of(constructor.getGenericParameterTypes()), leaks);
			}
		}
		for (Field field : type.getDeclaredFields()) {
			if (Modifier.isPublic(field.getModifiers())) {
				leaks(type.getName() + "." + field.getName(), List.of(field.getGenericType()), leaks);
			}
		}
		for (Class<?> nested : type.getDeclaredClasses()) {
			wireTypesIn(nested, leaks);
		}
	}

	private static void leaks(String member, List<Type> types, List<String> leaks) {
		for (Type type : types) {
			if (type.getTypeName().contains("io.casty.client.protocol.messages.")) {
				leaks.add(member + " exposes " + type.getTypeName());
			}
		}
	}

}
