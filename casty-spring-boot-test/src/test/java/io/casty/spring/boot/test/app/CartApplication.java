package io.casty.spring.boot.test.app;

import io.casty.client.EntityRef;
import io.casty.spring.boot.autoconfigure.embedded.CastyEmbeddedEntity;
import io.casty.testkit.EntityBehavior;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Service;

/**
 * A minimal application on the starter: a {@code cart} entity type, a service using its
 * {@code EntityRef}, and the Java implementation a test cluster hosts.
 */
@SpringBootApplication
public class CartApplication {

	@Bean
	CastyEmbeddedEntity carts() {
		return CastyEmbeddedEntity.of(CartMsg.TYPE, CartMsg.SHARDS, (id) -> cart());
	}

	private static EntityBehavior cart() {
		int[] items = new int[1];
		return (context, message) -> {
			if (message instanceof CartMsg.AddItem add) {
				items[0] += add.quantity();
			}
			else if (message instanceof CartMsg.CountItems count) {
				context.tell(count.replyTo(), items[0]);
			}
		};
	}

	/**
	 * What a controller would call.
	 */
	@Service
	public static class Carts {

		private final EntityRef<CartMsg> carts;

		Carts(EntityRef<CartMsg> carts) {
			this.carts = carts;
		}

		/**
		 * Adds items and returns the new count.
		 * @param cart the cart id
		 * @param quantity how many items
		 * @return the count after adding
		 */
		public int add(String cart, int quantity) {
			this.carts.tell(cart, new CartMsg.AddItem(quantity));
			return this.carts.ask(cart, CartMsg.CountItems::new, Integer.class).join();
		}

	}

}
