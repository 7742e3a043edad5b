package io.casty.spring.boot.autoconfigure.embedded;

import java.util.List;

import io.casty.testkit.ServiceBehavior;

/**
 * A discoverable service the embedded development cluster hosts and lists in its registry,
 * implemented in Java. Declare one bean per service.
 *
 * @since 0.1.0
 */
public interface CastyEmbeddedService {

	/**
	 * The service key name.
	 * @return the key
	 */
	String key();

	/**
	 * The actor path, for example {@code /payment-svc}.
	 * @return the path
	 */
	String path();

	/**
	 * The index of the hosting node.
	 * @return the node index, from 0
	 */
	default int node() {
		return 0;
	}

	/**
	 * The behaviour.
	 * @return the behaviour
	 */
	ServiceBehavior behavior();

	/**
	 * Message types the nodes must decode for this service.
	 * @return the types
	 */
	default List<Class<?>> messageTypes() {
		return List.of();
	}

	/**
	 * Creates a declaration hosted on node 0.
	 * @param key the service key name
	 * @param path the actor path
	 * @param behavior the behaviour
	 * @param messageTypes message types of the service
	 * @return the declaration
	 */
	static CastyEmbeddedService of(String key, String path, ServiceBehavior behavior, Class<?>... messageTypes) {
		return of(key, path, 0, behavior, messageTypes);
	}

	/**
	 * Creates a declaration hosted on a given node.
	 * @param key the service key name
	 * @param path the actor path
	 * @param nodeIndex the index of the hosting node
	 * @param behavior the behaviour
	 * @param messageTypes message types of the service
	 * @return the declaration
	 */
	static CastyEmbeddedService of(String key, String path, int nodeIndex, ServiceBehavior behavior,
			Class<?>... messageTypes) {
		return new CastyEmbeddedService() {

			@Override
			public String key() {
				return key;
			}

			@Override
			public String path() {
				return path;
			}

			@Override
			public int node() {
				return nodeIndex;
			}

			@Override
			public ServiceBehavior behavior() {
				return behavior;
			}

			@Override
			public List<Class<?>> messageTypes() {
				return List.of(messageTypes);
			}

		};
	}

}
