package io.casty.client.distributed.protocol;

import io.casty.client.ActorRef;
import io.casty.client.CastyMessage;

/**
 * Requests to a {@code casty.distributed.set} entity (the whole set is one entity).
 *
 * @since 0.1.0
 */
public sealed interface SetMessages {

	/**
	 * Adds an element; the reply tells whether it was absent.
	 * @param value the element (hashable in Python: never a list)
	 * @param replyTo where the answer goes
	 */
	@CastyMessage("casty.distributed.set.Add")
	record Add(Object value, ActorRef<Boolean> replyTo) implements SetMessages {
	}

	/**
	 * Removes an element; the reply tells whether it was present.
	 * @param value the element
	 * @param replyTo where the answer goes
	 */
	@CastyMessage("casty.distributed.set.Remove")
	record Remove(Object value, ActorRef<Boolean> replyTo) implements SetMessages {
	}

	/**
	 * Tells whether an element is present.
	 * @param value the element
	 * @param replyTo where the answer goes
	 */
	@CastyMessage("casty.distributed.set.SetContains")
	record SetContains(Object value, ActorRef<Boolean> replyTo) implements SetMessages {
	}

	/**
	 * Counts the elements.
	 * @param replyTo where the count goes
	 */
	@CastyMessage("casty.distributed.set.SetSize")
	record SetSize(ActorRef<Integer> replyTo) implements SetMessages {
	}

	/**
	 * Stops the entity (its elements are lost); the reply is {@code true}.
	 * @param replyTo where the answer goes
	 */
	@CastyMessage("casty.distributed.set.DestroySet")
	record DestroySet(ActorRef<Boolean> replyTo) implements SetMessages {
	}

}
