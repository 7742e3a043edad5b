package io.casty.spring.boot.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Starts an in-JVM Casty test cluster with the application context and points the Casty
 * client at it. On a {@code @SpringBootTest} class (or a {@code @TestConfiguration} it
 * imports, or one given to {@code SpringApplication.from(...).with(...)}):
 *
 * <pre class="code">
 * &#64;SpringBootTest
 * &#64;AutoConfigureCastyTestCluster
 * class CartTests {
 *
 *     &#64;Autowired
 *     CastyTestCluster cluster;   // to kill a node, for example
 *
 * }
 * </pre>
 *
 * <p>The cluster is a bean of the context: test classes with the same configuration share
 * it with their cached context (it keeps running while the context is paused), and it is
 * closed when the context closes. Its nodes host the application's
 * {@link io.casty.spring.boot.autoconfigure.embedded.CastyEmbeddedEntity} and
 * {@link io.casty.spring.boot.autoconfigure.embedded.CastyEmbeddedService} beans and the
 * structures of {@code casty.client.embedded.distributed}, decode every message type of the
 * declared {@code @CastyEntity} types, and use {@code casty.client.system-name},
 * {@code serializer} and {@code compression}; {@code casty.client.embedded.nodes} sets their
 * number (3 by default). Its connection details win over {@code casty.client.contact-points},
 * over the embedded development cluster (which then does not start, whatever
 * {@code casty.client.embedded.enabled} says) and over a {@code CastyConnectionDetails} bean
 * of the application.
 *
 * @since 0.1.0
 * @see CastyTestClusterAutoConfiguration
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureCastyTestCluster {

}
