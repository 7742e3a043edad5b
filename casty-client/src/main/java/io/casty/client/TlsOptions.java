package io.casty.client;

import io.netty.handler.ssl.SslContext;
import org.jspecify.annotations.Nullable;

/**
 * Whether and how the client's connections to nodes use TLS. Immutable: {@link #none()} for
 * plain TCP (the default, as Casty nodes listen), {@link #of(SslContext)} for TLS.
 *
 * @since 0.1.0
 */
public final class TlsOptions {

	private static final TlsOptions NONE = new TlsOptions(null);

	private final @Nullable SslContext sslContext;

	private TlsOptions(@Nullable SslContext sslContext) {
		this.sslContext = sslContext;
	}

	/**
	 * Plain TCP, the default.
	 * @return the options
	 */
	public static TlsOptions none() {
		return NONE;
	}

	/**
	 * TLS with the given client context.
	 * @param sslContext a client context (trust material, and a key for mutual TLS)
	 * @return the options
	 * @throws InvalidOptionException if the context is null
	 */
	public static TlsOptions of(SslContext sslContext) {
		return new TlsOptions(OptionChecks.notNull(sslContext, "tls.sslContext"));
	}

	/**
	 * Whether connections use TLS.
	 * @return true with a context
	 */
	public boolean enabled() {
		return this.sslContext != null;
	}

	/**
	 * The TLS context of connections to nodes.
	 * @return the context, or null for plain TCP
	 */
	public @Nullable SslContext sslContext() {
		return this.sslContext;
	}

}
