package io.casty.client.distributed.protocol;

import io.casty.client.ActorRef;
import io.casty.client.CastyMessage;
import org.jspecify.annotations.Nullable;

/**
 * Requests to one entry of a {@code casty.distributed.dict} map (one entity per key, id
 * {@code <map name>:<str(key)>}).
 *
 * @since 0.1.0
 */
public sealed interface MapMessages {

	/**
	 * Stores a value; the reply is the previous value or {@code null}.
	 * @param value the new value
	 * @param replyTo where the previous value goes
	 */
	@CastyMessage("casty.distributed.dict.Put")
	record Put(@Nullable Object value, ActorRef<Object> replyTo) implements MapMessages {
	}

	/**
	 * Reads the value, {@code null} when absent.
	 * @param replyTo where the value goes
	 */
	@CastyMessage("casty.distributed.dict.Get")
	record Get(ActorRef<Object> replyTo) implements MapMessages {
	}

	/**
	 * Deletes the entry (the entity stops); the reply tells whether it existed.
	 * @param replyTo where the answer goes
	 */
	@CastyMessage("casty.distributed.dict.Delete")
	record Delete(ActorRef<Boolean> replyTo) implements MapMessages {
	}

	/**
	 * Tells whether the entry holds a value.
	 * @param replyTo where the answer goes
	 */
	@CastyMessage("casty.distributed.dict.Contains")
	record Contains(ActorRef<Boolean> replyTo) implements MapMessages {
	}

}
