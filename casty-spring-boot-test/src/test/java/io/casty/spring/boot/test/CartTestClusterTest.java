package io.casty.spring.boot.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.concurrent.atomic.AtomicReference;

import io.casty.spring.boot.test.app.CartApplication;
import io.casty.spring.boot.test.autoconfigure.AutoConfigureCastyTestCluster;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

/**
 * The cart application on {@link AutoConfigureCastyTestCluster}, shared by the test-cluster
 * classes so that they share one cached context. The application's own settings point
 * elsewhere (the embedded development cluster is on, the contact point is a closed port):
 * the test cluster must win over both.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(classes = CartApplication.class,
		properties = { "casty.client.embedded.enabled=true", "casty.client.contact-points=127.0.0.1:1",
				"casty.client.embedded.nodes=2", "casty.client.topology.poll-interval=200ms" })
@AutoConfigureCastyTestCluster
@interface CartTestClusterTest {

	/** The context the first test-cluster class got, to check that later classes reuse it. */
	AtomicReference<@Nullable ApplicationContext> FIRST = new AtomicReference<>();

}
