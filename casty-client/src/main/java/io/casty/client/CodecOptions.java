package io.casty.client;

import java.time.Duration;

import io.casty.client.protocol.CastyFrameDecoder;
import io.casty.client.protocol.codec.Compression;
import io.casty.client.protocol.codec.PayloadFormat;

/**
 * How payloads and frames are encoded and decoded: the serializer and compression every node
 * of the cluster uses (nothing on the wire says which), the largest frame accepted and how
 * long an incomplete frame may wait for its next bytes. Immutable; build with
 * {@link #builder()} or change a copy with {@link #mutate()}.
 *
 * @since 0.1.0
 */
public final class CodecOptions {

	/**
	 * Default payload serializer: JSON, the serializer both Casty and the client speak
	 * (Casty's own default, pickle, cannot be read outside Python).
	 */
	public static final PayloadFormat DEFAULT_FORMAT = PayloadFormat.JSON;

	/** Default payload compression: none. */
	public static final Compression DEFAULT_COMPRESSION = Compression.NONE;

	/** Default compression level: Casty's, {@link Compression#DEFAULT_LEVEL}. */
	public static final int DEFAULT_COMPRESSION_LEVEL = Compression.DEFAULT_LEVEL;

	/** Default largest frame accepted: 16 MiB. */
	public static final int DEFAULT_MAX_FRAME_SIZE = CastyFrameDecoder.DEFAULT_MAX_FRAME_LENGTH;

	/** Smallest frame limit accepted: 64 bytes. */
	public static final int MIN_FRAME_SIZE = 64;

	/** Default longest wait of an incomplete frame for its next bytes: 10 s. */
	public static final Duration DEFAULT_FRAME_TIMEOUT = Duration.ofSeconds(10);

	private static final CodecOptions DEFAULTS = new CodecOptions(DEFAULT_FORMAT, DEFAULT_COMPRESSION,
			DEFAULT_COMPRESSION_LEVEL, DEFAULT_MAX_FRAME_SIZE, DEFAULT_FRAME_TIMEOUT);

	private final PayloadFormat format;

	private final Compression compression;

	private final int compressionLevel;

	private final int maxFrameSize;

	private final Duration frameTimeout;

	private CodecOptions(PayloadFormat format, Compression compression, int compressionLevel, int maxFrameSize,
			Duration frameTimeout) {
		this.format = format;
		this.compression = compression;
		this.compressionLevel = compressionLevel;
		this.maxFrameSize = maxFrameSize;
		this.frameTimeout = frameTimeout;
	}

	/**
	 * The settings of every {@code DEFAULT_*} constant.
	 * @return the default options
	 */
	public static CodecOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * Returns a builder starting from {@link #defaults()}.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder(DEFAULTS);
	}

	/**
	 * Returns a builder starting from these settings.
	 * @return the builder
	 */
	public Builder mutate() {
		return new Builder(this);
	}

	/**
	 * Payload serializer every node uses (see {@link #DEFAULT_FORMAT}).
	 * @return the format
	 */
	public PayloadFormat format() {
		return this.format;
	}

	/**
	 * Payload compression every node uses (see {@link #DEFAULT_COMPRESSION}).
	 * @return the compression
	 */
	public Compression compression() {
		return this.compression;
	}

	/**
	 * Compression level (see {@link #DEFAULT_COMPRESSION_LEVEL}).
	 * @return 0-9
	 */
	public int compressionLevel() {
		return this.compressionLevel;
	}

	/**
	 * Largest frame accepted (see {@link #DEFAULT_MAX_FRAME_SIZE}).
	 * @return bytes
	 */
	public int maxFrameSize() {
		return this.maxFrameSize;
	}

	/**
	 * How long an incomplete frame may wait for its next bytes before its connection is
	 * closed as broken and reconnected (see {@link #DEFAULT_FRAME_TIMEOUT}).
	 * @return the timeout
	 */
	public Duration frameTimeout() {
		return this.frameTimeout;
	}

	/**
	 * Builds {@link CodecOptions}; every method checks its value at once.
	 */
	public static final class Builder {

		private CodecOptions value;

		private Builder(CodecOptions value) {
			this.value = value;
		}

		/**
		 * Sets the payload serializer (see {@link CodecOptions#DEFAULT_FORMAT}).
		 * @param format the format every node uses
		 * @return this builder
		 * @throws InvalidOptionException if null
		 */
		public Builder format(PayloadFormat format) {
			CodecOptions v = this.value;
			this.value = new CodecOptions(OptionChecks.notNull(format, "codec.format"), v.compression,
					v.compressionLevel, v.maxFrameSize, v.frameTimeout);
			return this;
		}

		/**
		 * Sets the payload compression (see {@link CodecOptions#DEFAULT_COMPRESSION}).
		 * @param compression the compression every node uses
		 * @return this builder
		 * @throws InvalidOptionException if null
		 */
		public Builder compression(Compression compression) {
			CodecOptions v = this.value;
			this.value = new CodecOptions(v.format, OptionChecks.notNull(compression, "codec.compression"),
					v.compressionLevel, v.maxFrameSize, v.frameTimeout);
			return this;
		}

		/**
		 * Sets the compression level (see {@link CodecOptions#DEFAULT_COMPRESSION_LEVEL}).
		 * @param compressionLevel 0-9
		 * @return this builder
		 * @throws InvalidOptionException if out of range
		 */
		public Builder compressionLevel(int compressionLevel) {
			CodecOptions v = this.value;
			this.value = new CodecOptions(v.format, v.compression,
					OptionChecks.between(compressionLevel, 0, 9, "codec.compressionLevel", "must be 0-9"),
					v.maxFrameSize, v.frameTimeout);
			return this;
		}

		/**
		 * Sets the largest frame accepted (see {@link CodecOptions#DEFAULT_MAX_FRAME_SIZE}).
		 * @param maxFrameSize at least {@link CodecOptions#MIN_FRAME_SIZE} bytes
		 * @return this builder
		 * @throws InvalidOptionException if smaller
		 */
		public Builder maxFrameSize(int maxFrameSize) {
			CodecOptions v = this.value;
			this.value = new CodecOptions(v.format, v.compression, v.compressionLevel,
					OptionChecks.between(maxFrameSize, MIN_FRAME_SIZE, Integer.MAX_VALUE, "codec.maxFrameSize",
							"must be at least " + MIN_FRAME_SIZE + " bytes"),
					v.frameTimeout);
			return this;
		}

		/**
		 * Sets the wait of an incomplete frame (see {@link CodecOptions#frameTimeout()}).
		 * @param frameTimeout positive
		 * @return this builder
		 * @throws InvalidOptionException if not positive
		 */
		public Builder frameTimeout(Duration frameTimeout) {
			CodecOptions v = this.value;
			this.value = new CodecOptions(v.format, v.compression, v.compressionLevel, v.maxFrameSize,
					OptionChecks.positive(frameTimeout, "codec.frameTimeout"));
			return this;
		}

		/**
		 * Returns the options.
		 * @return the options
		 */
		public CodecOptions build() {
			return this.value;
		}

	}

}
