package io.casty.client.protocol.messages;

import java.util.Objects;

import io.casty.client.CastyMessage;

/**
 * A service key as the receptionist's messages carry it.
 *
 * @param name the key name
 * @since 0.1.0
 */
@CastyMessage("casty.cluster.receptionist.ServiceKey")
public record ReceptionistKey(String name) {

	public ReceptionistKey {
		Objects.requireNonNull(name, "name");
	}

}
