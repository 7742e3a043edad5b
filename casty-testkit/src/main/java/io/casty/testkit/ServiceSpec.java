package io.casty.testkit;

import java.util.Objects;

/**
 * A discoverable service as configured on the builder.
 *
 * @param key the service key
 * @param path the actor path, with its leading slash
 * @param nodeIndex the hosting node
 * @param behavior the behaviour
 */
record ServiceSpec(String key, String path, int nodeIndex, ServiceBehavior behavior) {

	ServiceSpec {
		Objects.requireNonNull(key, "key");
		Objects.requireNonNull(path, "path");
		Objects.requireNonNull(behavior, "behavior");
		if (!path.startsWith("/")) {
			path = "/" + path;
		}
		if (path.length() < 2 || path.startsWith("/_")) {
			throw new IllegalArgumentException("Service path '" + path + "' must be non-empty and not start with '/_'");
		}
	}

}
