package io.casty.client.protocol.codec;

import java.math.BigInteger;

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

}
