package io.casty.spring.boot.test;

import io.casty.client.CastyClient;
import io.casty.spring.boot.test.app.CartApplication.Carts;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Third class: the same configuration as the first, so it gets the cached cart context back,
 * restarted by the framework; the client connects and subscribes again.
 */
@CartContextTest
@Order(3)
class CachedContextSecondTests {

	@Autowired
	private ApplicationContext context;

	@Autowired
	private CastyClient client;

	@Autowired
	private Carts carts;

	@Test
	void whenThePausedContextIsReusedThenItsClientStartsAgainAndAsksWork() {
		assertThat(this.context).isSameAs(CartContextTest.FIRST.get());
		assertThat(this.client.isRunning()).isTrue();
		// the cluster lived on with the cached context, so the cart kept its items
		assertThat(this.carts.add("cached", 3)).isEqualTo(5);
	}

}
