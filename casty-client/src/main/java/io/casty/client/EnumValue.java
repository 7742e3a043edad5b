package io.casty.client;

import java.util.Objects;

/**
 * A Python enum member whose enum type is not registered with the client.
 *
 * @param type the Python enum type name ({@code module.qualname})
 * @param member the member name
 * @since 0.1.0
 */
public record EnumValue(String type, String member) {

	public EnumValue {
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(member, "member");
	}

}
