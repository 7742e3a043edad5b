package io.casty.client.distributed.protocol;

import io.casty.client.ActorRef;
import io.casty.client.CastyMessage;

/**
 * Requests to a {@code casty.distributed.queue} entity (a FIFO queue; nothing blocks).
 *
 * @since 0.1.0
 */
public sealed interface QueueMessages {

	/**
	 * Appends an element; the reply is {@code null}.
	 * @param value the element
	 * @param replyTo where the acknowledgement goes
	 */
	@CastyMessage("casty.distributed.queue.Enqueue")
	record Enqueue(Object value, ActorRef<Object> replyTo) implements QueueMessages {
	}

	/**
	 * Takes the head; the reply is it, or {@code null} when the queue is empty.
	 * @param replyTo where the element goes
	 */
	@CastyMessage("casty.distributed.queue.Dequeue")
	record Dequeue(ActorRef<Object> replyTo) implements QueueMessages {
	}

	/**
	 * Reads the head without taking it, {@code null} when empty.
	 * @param replyTo where the element goes
	 */
	@CastyMessage("casty.distributed.queue.Peek")
	record Peek(ActorRef<Object> replyTo) implements QueueMessages {
	}

	/**
	 * Counts the elements.
	 * @param replyTo where the count goes
	 */
	@CastyMessage("casty.distributed.queue.QueueSize")
	record QueueSize(ActorRef<Integer> replyTo) implements QueueMessages {
	}

	/**
	 * Stops the entity (its elements are lost); the reply is {@code true}.
	 * @param replyTo where the answer goes
	 */
	@CastyMessage("casty.distributed.queue.DestroyQueue")
	record DestroyQueue(ActorRef<Boolean> replyTo) implements QueueMessages {
	}

}
