package io.casty.spring.boot.autoconfigure.entity;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the message type of a Casty sharded entity type, usually a sealed interface whose
 * permitted records are annotated {@link io.casty.client.CastyMessage}. Types annotated so
 * in the application's packages (those of its {@code @SpringBootApplication}) get an
 * {@code EntityRef<ThatType>} bean:
 *
 * <pre class="code">
 * &#64;CastyEntity(type = "counter", shards = 100)
 * public sealed interface CounterMsg permits Increment, GetCount {
 * }
 *
 * &#64;RestController
 * class CounterController {
 *     CounterController(EntityRef&lt;CounterMsg&gt; counters) { ... }
 * }
 * </pre>
 *
 * {@code casty.client.entities.<type>.shards} overrides {@link #shards()}.
 *
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface CastyEntity {

	/**
	 * The shard type name, as the nodes register it ({@code sharded(..., name=...)}).
	 * @return the shard type
	 */
	String type();

	/**
	 * The shard count, as every node configures it for this type.
	 * @return the count
	 */
	int shards();

}
