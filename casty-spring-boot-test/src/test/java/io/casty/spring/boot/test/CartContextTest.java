package io.casty.spring.boot.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.casty.client.NodeAddress;
import io.casty.spring.boot.test.app.CartApplication;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

/**
 * The one test configuration of the cart application that several test classes share, so
 * that they share one cached context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(classes = CartApplication.class,
		properties = { "casty.client.embedded.enabled=true", "casty.client.embedded.nodes=2",
				"casty.client.topology.poll-interval=200ms" })
@interface CartContextTest {

	/** The context the first class of the suite got, to check that later classes reuse it. */
	AtomicReference<@Nullable ApplicationContext> FIRST = new AtomicReference<>();

	/** The connection identities of the first class's client, while it ran. */
	AtomicReference<List<NodeAddress>> FIRST_IDENTITIES = new AtomicReference<>(List.of());

}
