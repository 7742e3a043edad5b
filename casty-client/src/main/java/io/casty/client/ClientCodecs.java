package io.casty.client;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.casty.client.protocol.MessageEncoder;
import io.casty.client.protocol.codec.MessageCodec;
import io.casty.client.protocol.codec.MessageTypeRegistry;
import io.casty.client.topology.SnapshotDecoder;

/**
 * The message types and codecs of one client, made once and shared by every start: the
 * registry (Casty's protocol types, the configured ones, the stream messages), the payload
 * codec of the configured serializer and compression, the encoder of outbound messages and
 * the snapshot decoder.
 */
final class ClientCodecs {

	final MessageTypeRegistry registry;

	final MessageCodec codec;

	/** Encodes every outbound message once, in the caller's thread. */
	final MessageEncoder encoder;

	/** Decodes topology snapshots, each unchanged one only once. */
	final SnapshotDecoder snapshots;

	/** Entity and service message types already handed to the registry. */
	private final Set<Class<?>> registered = ConcurrentHashMap.newKeySet();

	ClientCodecs(CastyClientOptions options) {
		this.registry = MessageTypeRegistry.withProtocolTypes();
		for (Class<?> type : options.messageTypes()) {
			this.registry.register(type);
		}
		this.registry.register(io.casty.client.streams.StreamMessages.class);
		CodecOptions codecOptions = options.codec();
		this.codec = new MessageCodec(this.registry, codecOptions.format(), codecOptions.compression(),
				codecOptions.compressionLevel(), codecOptions.maxFrameSize());
		this.encoder = new MessageEncoder(this.codec);
		this.snapshots = new SnapshotDecoder(this.codec);
	}

	/**
	 * Registers the message type of an entity or service (a record, enum or sealed interface
	 * of them) with the codec, once.
	 * @param messageType the type; other kinds (Object, open interfaces) are left alone
	 * @throws IllegalArgumentException if it is a record or enum without {@code @CastyMessage}
	 */
	void register(Class<?> messageType) {
		if ((messageType.isSealed() || messageType.isRecord() || messageType.isEnum())
				&& !this.registered.contains(messageType)) {
			// idempotent; marked only once done, so a concurrent caller never skips ahead of it
			this.registry.register(messageType);
			this.registered.add(messageType);
		}
	}

}
