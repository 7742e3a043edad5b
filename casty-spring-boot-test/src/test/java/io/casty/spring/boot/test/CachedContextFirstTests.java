package io.casty.spring.boot.test;

import io.casty.client.CastyClient;
import io.casty.spring.boot.test.app.CartApplication.Carts;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * First of three classes run in order: it loads the cart context, which the second class's
 * different context pauses, and which the third class gets back from the cache.
 */
@CartContextTest
@Order(1)
class CachedContextFirstTests {

	@Autowired
	private ApplicationContext context;

	@Autowired
	private CastyClient client;

	@Autowired
	private Carts carts;

	@Test
	void whenTheContextIsFreshThenEntityRefAsksWork() {
		CartContextTest.FIRST.set(this.context);
		CartContextTest.FIRST_IDENTITIES.set(ClientIdentities.of(this.client));
		assertThat(this.client.isRunning()).isTrue();
		assertThat(this.carts.add("cached", 2)).isEqualTo(2);
	}

}
