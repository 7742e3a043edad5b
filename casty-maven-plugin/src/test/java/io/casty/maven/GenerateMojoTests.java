package io.casty.maven;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@code generate} goal writes the sources, adds the source root and removes sources of
 * types that left the schema.
 */
class GenerateMojoTests {

	static final String SCHEMA = """
			{"format": "casty-schema", "version": 1, "python": "3.11", "modules": ["shop.cart", "shop.catalog"], "types": [
			 {"kind": "dataclass", "name": "shop.cart.AddItem", "module": "shop.cart", "qualname": "AddItem",
			  "source": "shop/cart.py", "fields": [
			  {"name": "item", "type": {"kind": "dataclass", "name": "shop.catalog.Item"}},
			  {"name": "reply_to", "type": {"kind": "ref", "message": {"kind": "int"}}}]},
			 {"kind": "dataclass", "name": "shop.cart.GetCart", "module": "shop.cart", "qualname": "GetCart",
			  "source": "shop/cart.py", "fields": [{"name": "reply_to", "type": {"kind": "ref", "message": {"kind": "any"}}}]},
			 {"kind": "dataclass", "name": "shop.catalog.Item", "module": "shop.catalog", "qualname": "Item",
			  "source": "shop/catalog.py", "fields": [{"name": "sku", "type": {"kind": "str"}}]}]}
			""";

	@Test
	void sourcesAreWrittenAndTheirRootAdded(@TempDir Path dir) throws Exception {
		GenerateMojo mojo = mojo(dir, SCHEMA);
		mojo.execute();
		Path out = dir.resolve("generated");
		assertThat(out.resolve("com/example/cart/AddItem.java")).content()
			.contains("@CastyMessage(\"shop.cart.AddItem\")", "public record AddItem(Item item, ActorRef<Long> replyTo)"
					+ " implements CartMsg", "import com.example.catalog.Item;");
		assertThat(out.resolve("com/example/cart/CartMsg.java")).content()
			.contains("public sealed interface CartMsg permits AddItem, GetCart");
		assertThat(out.resolve("com/example/catalog/Item.java")).exists();
		assertThat(mojo.project.getCompileSourceRoots()).containsExactly(out.toString());
	}

	@Test
	void aSourceOfATypeThatLeftTheSchemaIsRemoved(@TempDir Path dir) throws Exception {
		mojo(dir, SCHEMA).execute();
		Path getCart = dir.resolve("generated/com/example/cart/GetCart.java");
		assertThat(getCart).exists();
		GenerateMojo again = mojo(dir, SCHEMA.replace("GetCart", "ViewCart"));
		again.sealedInterfaces = List.of("shop.cart.CartMsg=AddItem,ViewCart");
		again.execute();
		assertThat(getCart).doesNotExist();
		assertThat(dir.resolve("generated/com/example/cart/ViewCart.java")).exists();
	}

	@Test
	void testSourcesGoToTheTestRoot(@TempDir Path dir) throws Exception {
		GenerateMojo mojo = mojo(dir, SCHEMA);
		mojo.testSources = true;
		mojo.execute();
		assertThat(mojo.project.getTestCompileSourceRoots()).containsExactly(dir.resolve("generated").toString());
		assertThat(mojo.project.getCompileSourceRoots()).isEmpty();
	}

	@Test
	void aBadSchemaFailsTheBuildWithItsProblem(@TempDir Path dir) throws Exception {
		GenerateMojo mojo = mojo(dir, SCHEMA.replace("\"version\": 1", "\"version\": 7"));
		assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
			.hasMessageContaining("$.version: version 7 is not supported");
	}

	@Test
	void anUnknownSealedMemberFailsTheBuild(@TempDir Path dir) throws Exception {
		GenerateMojo mojo = mojo(dir, SCHEMA);
		mojo.sealedInterfaces = List.of("shop.cart.CartMsg=AddItem,Remove");
		assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
			.hasMessageContaining("shop.cart.Remove is not in the schema");
	}

	private static GenerateMojo mojo(Path dir, String schema) throws Exception {
		Path file = dir.resolve("casty-schema.json");
		Files.writeString(file, schema);
		GenerateMojo mojo = new GenerateMojo();
		mojo.project = new MavenProject();
		mojo.schema = file.toFile();
		mojo.packageName = "com.example.cart";
		mojo.modulePackages = Map.of("shop.catalog", "com.example.catalog");
		mojo.sealedInterfaces = List.of("shop.cart.CartMsg=AddItem,GetCart");
		mojo.outputDirectory = dir.resolve("generated").toFile();
		return mojo;
	}

}
