package io.casty.maven;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.casty.client.ActorRef;
import io.casty.client.CastyMessage;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@code check} goal passes matching types and fails the build naming each mismatch.
 */
class CheckMojoTests {

	@CastyMessage("shop.catalog.Item")
	public record Item(String sku) {
	}

	@CastyMessage("shop.cart.AddItem")
	public record AddItem(Item item, ActorRef<Long> replyTo) {
	}

	@CastyMessage("shop.cart.AddItem")
	public record AddItemWithoutRef(Item item) {
	}

	@Test
	void matchingTypesPass(@TempDir Path dir) throws Exception {
		assertThatCode(mojo(dir, AddItem.class)::execute).doesNotThrowAnyException();
	}

	@Test
	void aMismatchFailsTheBuildNamingIt(@TempDir Path dir) throws Exception {
		assertThatThrownBy(mojo(dir, AddItemWithoutRef.class)::execute).isInstanceOf(MojoFailureException.class)
			.hasMessageContaining("`shop.cart.AddItem`: field 2 `reply_to: ActorRef[int]` is missing in Java");
	}

	@Test
	void anUnknownClassFailsTheBuild(@TempDir Path dir) throws Exception {
		CheckMojo mojo = mojo(dir, AddItem.class);
		mojo.messageTypes = List.of("com.example.Nope");
		assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
			.hasMessage("casty:check: message type com.example.Nope is not on the compile class path");
	}

	private static CheckMojo mojo(Path dir, Class<?> type) throws Exception {
		Path file = dir.resolve("casty-schema.json");
		Files.writeString(file, GenerateMojoTests.SCHEMA);
		CheckMojo mojo = new CheckMojo();
		mojo.schema = file.toFile();
		mojo.messageTypes = List.of(type.getName());
		mojo.classpathElements = List.of();
		return mojo;
	}

}
