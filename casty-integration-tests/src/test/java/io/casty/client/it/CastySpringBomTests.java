package io.casty.client.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code casty-spring-bom} manages exactly the artifacts the reactor publishes: every module
 * of the root POM that does not set {@code maven.deploy.skip}, at the project's version, and
 * nothing else. A new published module missing from the BOM fails here.
 */
class CastySpringBomTests {

	private static final String GROUP = "io.casty.spring";

	private static final String BOM = "casty-spring-bom";

	@Test
	void theBomManagesEveryPublishedModuleAndNothingElse() throws Exception {
		Path root = rootDirectory();
		Element rootPom = parse(root.resolve("pom.xml"));
		Map<String, Boolean> modules = new LinkedHashMap<>();
		for (String module : children(child(rootPom, "modules"), "module")) {
			Element pom = parse(root.resolve(module).resolve("pom.xml"));
			String artifactId = text(pom, "artifactId");
			Element properties = child(pom, "properties");
			boolean skipsDeploy = properties != null && "true".equals(text(properties, "maven.deploy.skip"));
			modules.put(artifactId, !skipsDeploy);
		}
		assertThat(modules).containsKey(BOM);
		Set<String> published = new TreeSet<>();
		modules.forEach((artifactId, deployed) -> {
			if (deployed && !artifactId.equals(BOM)) {
				published.add(artifactId);
			}
		});
		assertThat(published).as("published modules")
			.contains("casty-client", "casty-testkit", "casty-codegen", "casty-maven-plugin",
					"casty-spring-boot-autoconfigure", "casty-spring-boot-starter", "casty-spring-boot-test")
			.doesNotContain("sample-app", "benchmarks", "casty-integration-tests");

		Element bom = parse(root.resolve(BOM).resolve("pom.xml"));
		assertThat(child(bom, "parent")).as("a parent would leak its dependencyManagement into importers").isNull();
		assertThat(text(bom, "packaging")).isEqualTo("pom");
		assertThat(text(bom, "version")).isEqualTo(text(rootPom, "version"));
		Set<String> managed = new TreeSet<>();
		for (Element dependency : elements(child(child(bom, "dependencyManagement"), "dependencies"), "dependency")) {
			String artifactId = text(dependency, "artifactId");
			assertThat(text(dependency, "groupId")).as(artifactId).isEqualTo(GROUP);
			assertThat(text(dependency, "version")).as(artifactId).isEqualTo("${project.version}");
			managed.add(artifactId);
		}
		assertThat(managed).as("artifacts managed by " + BOM).isEqualTo(published);
	}

	private static Path rootDirectory() throws Exception {
		for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
			Path pom = dir.resolve("pom.xml");
			if (Files.isRegularFile(pom) && "casty-spring-parent".equals(text(parse(pom), "artifactId"))) {
				return dir;
			}
		}
		throw new AssertionError("no casty-spring-parent pom.xml above " + Path.of("").toAbsolutePath());
	}

	private static Element parse(Path pom) throws Exception {
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
		factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
		return factory.newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
	}

	private static @Nullable Element child(@Nullable Element parent, String name) {
		List<Element> found = elements(parent, name);
		return found.isEmpty() ? null : found.get(0);
	}

	private static List<Element> elements(@Nullable Element parent, String name) {
		List<Element> found = new ArrayList<>();
		if (parent != null) {
			for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
				if (node instanceof Element element && element.getTagName().equals(name)) {
					found.add(element);
				}
			}
		}
		return found;
	}

	private static List<String> children(@Nullable Element parent, String name) {
		return elements(parent, name).stream().map((element) -> element.getTextContent().trim()).toList();
	}

	private static @Nullable String text(Element parent, String name) {
		Element element = child(parent, name);
		return (element != null) ? element.getTextContent().trim() : null;
	}

}
