/**
 * Casty's transport framing: length-prefixed frames, the handshake, and message frames
 * made of a JSON header ({@code target}, {@code sender}, {@code type_hint}) and a payload.
 */
@NullMarked
package io.casty.client.protocol;

import org.jspecify.annotations.NullMarked;
