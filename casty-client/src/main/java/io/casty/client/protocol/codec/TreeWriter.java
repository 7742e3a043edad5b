package io.casty.client.protocol.codec;

import java.math.BigInteger;

import io.casty.client.ActorAddress;

/**
 * Streams a Casty value tree (the JSON tree of Casty's serializers) into one payload
 * format. Objects and arrays announce their size because msgpack needs it up front.
 *
 * @since 0.1.0
 */
public interface TreeWriter {

	void beginObject(int size);

	void name(String name);

	void endObject();

	void beginArray(int size);

	void endArray();

	void string(String value);

	/**
	 * Writes a name that recurs from message to message (a record field's, {@code _type}),
	 * as {@link #name} would: the same string object each time, so a writer may keep its
	 * encoded form.
	 * @param name the name, a string that lives as long as its type descriptor
	 */
	default void recurringName(String name) {
		name(name);
	}

	/**
	 * Writes a string value that recurs from message to message (a type's Python name), as
	 * {@link #string} would; see {@link #recurringName}.
	 * @param value the value, a string that lives as long as its type descriptor
	 */
	default void recurringString(String value) {
		string(value);
	}

	/**
	 * Writes an actor's URI as a string, as {@link #string} would write
	 * {@link ActorAddress#toUri()}; a writer may write its parts without building it.
	 * @param address the actor's address
	 */
	default void uri(ActorAddress address) {
		string(address.toUri());
	}

	void integer(long value);

	void integer(BigInteger value);

	void floating(double value);

	void bool(boolean value);

	void nul();

	/**
	 * Writes out anything still buffered; called once after the root value.
	 */
	default void finish() {
	}

	/**
	 * Drops what was written after a write failed; the writer is not used again.
	 */
	default void discard() {
	}


}
