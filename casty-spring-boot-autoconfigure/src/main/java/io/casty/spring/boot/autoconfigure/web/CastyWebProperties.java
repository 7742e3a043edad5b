package io.casty.spring.boot.autoconfigure.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the Casty client's web integration.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("casty.client.web")
public class CastyWebProperties {

	private final ProblemDetails problemDetails = new ProblemDetails();

	public ProblemDetails getProblemDetails() {
		return this.problemDetails;
	}

	/**
	 * How Casty exceptions become problem responses.
	 */
	public static class ProblemDetails {

		/**
		 * Whether Casty exceptions thrown by web handlers become RFC 9457 problem responses:
		 * 503 Service Unavailable with a Retry-After header while the cluster is out of reach,
		 * slow or overloaded, 502 Bad Gateway for any other Casty failure.
		 */
		private boolean enabled = true;

		/**
		 * Retry-After of the 503 responses, rounded up to whole seconds.
		 */
		private Duration retryAfter = Duration.ofSeconds(1);

		/**
		 * Whether the exception's message, which names nodes, shard types and entity ids, is
		 * the problem's detail. Otherwise the detail is a fixed sentence per kind of failure.
		 */
		private boolean includeMessage;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getRetryAfter() {
			return this.retryAfter;
		}

		public void setRetryAfter(Duration retryAfter) {
			this.retryAfter = retryAfter;
		}

		public boolean isIncludeMessage() {
			return this.includeMessage;
		}

		public void setIncludeMessage(boolean includeMessage) {
			this.includeMessage = includeMessage;
		}

	}

}
