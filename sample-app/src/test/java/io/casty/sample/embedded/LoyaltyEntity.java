package io.casty.sample.embedded;

import io.casty.sample.messages.LoyaltyMsg.AddPoints;
import io.casty.sample.messages.LoyaltyMsg.GetPoints;
import io.casty.testkit.EntityBehavior;
import io.casty.testkit.EntityContext;

/**
 * The loyalty points of one customer, as {@code casty_sample.entities.loyalty_entity}:
 * {@code AddPoints} adds (any amount), {@code GetPoints} replies the points.
 *
 * @since 0.1.0
 */
public final class LoyaltyEntity implements EntityBehavior {

	private long points;

	@Override
	public void onMessage(EntityContext context, Object message) {
		if (message instanceof AddPoints add) {
			this.points += add.amount();
		}
		else if (message instanceof GetPoints get) {
			context.tell(get.replyTo(), this.points);
		}
	}

}
