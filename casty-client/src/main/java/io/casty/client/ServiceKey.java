package io.casty.client;

import java.util.Objects;

/**
 * Names a discoverable service ({@code ServiceKey("name")} in Casty) and the type of
 * messages its instances understand.
 *
 * @param <M> the message type
 * @param name the key name
 * @param messageType the message type
 * @since 0.1.0
 */
public record ServiceKey<M>(String name, Class<M> messageType) {

	public ServiceKey {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(messageType, "messageType");
	}

	/**
	 * Creates a key.
	 * @param <M> the message type
	 * @param name the key name
	 * @param messageType the message type
	 * @return the key
	 */
	public static <M> ServiceKey<M> of(String name, Class<M> messageType) {
		return new ServiceKey<>(name, messageType);
	}

}
