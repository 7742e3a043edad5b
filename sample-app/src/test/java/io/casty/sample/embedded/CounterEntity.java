package io.casty.sample.embedded;

import io.casty.sample.messages.CounterMsg.GetCount;
import io.casty.sample.messages.CounterMsg.Increment;
import io.casty.testkit.EntityBehavior;
import io.casty.testkit.EntityContext;

/**
 * A counter, as {@code casty_sample.entities.counter_entity}: {@code Increment} adds (any
 * amount), {@code GetCount} replies the count.
 *
 * @since 0.1.0
 */
public final class CounterEntity implements EntityBehavior {

	private long count;

	@Override
	public void onMessage(EntityContext context, Object message) {
		if (message instanceof Increment increment) {
			this.count += increment.amount();
		}
		else if (message instanceof GetCount get) {
			context.tell(get.replyTo(), this.count);
		}
	}

}
