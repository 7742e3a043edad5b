package io.casty.codegen;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import io.casty.codegen.java.JavaGenerator;
import io.casty.codegen.schema.CastySchema;

/**
 * The committed test fixtures: the schemas {@code casty_schema.py} exported from the test
 * modules in {@code src/test/resources/python}, and the options the golden sources were
 * generated with.
 */
public final class Fixtures {

	/** Every module of {@code shop}: cart messages, catalog types in their own package. */
	public static final JavaGenerator.Options SHOP_OPTIONS = JavaGenerator.Options.of("com.example.shop")
		.withModulePackage("shop.catalog", "com.example.shop.catalog")
		.withSealed("shop.messages.CartMsg=AddItem,RemoveItem,GetCart")
		.withSealed("shop.messages.CartEvent=Checkout,Cancel");

	/** The golden frames' dataclasses. */
	public static final JavaGenerator.Options WIREVEC_OPTIONS = JavaGenerator.Options.of("com.example.wirevec")
		.withSealed("wirevec.messages.WirevecMsg=Increment,Echo,Greet");

	private Fixtures() {
	}

	public static CastySchema shopSchema() {
		return CastySchema.parse(text("fixtures/shop-schema.json"));
	}

	public static CastySchema wirevecSchema() {
		return CastySchema.parse(text("fixtures/wirevec-schema.json"));
	}

	public static String text(String resource) {
		return new String(bytes(resource), StandardCharsets.UTF_8);
	}

	public static byte[] bytes(String resource) {
		try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("Missing test resource " + resource);
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
