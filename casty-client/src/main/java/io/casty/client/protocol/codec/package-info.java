/**
 * Payload serialization: Java values to Casty's JSON tree (dataclass {@code _type}, ref,
 * enum, frozenset, tuple and dict markers) and that tree to bytes, as Python's
 * {@code json.dumps} or msgpack writes it, optionally compressed.
 */
@NullMarked
package io.casty.client.protocol.codec;

import org.jspecify.annotations.NullMarked;
