package io.casty.spring.boot.autoconfigure.web;

import java.time.Duration;

import io.casty.client.BufferOverflowException;
import io.casty.client.CastyException;
import io.casty.client.CastyTimeoutException;
import io.casty.client.ClientClosedException;
import io.casty.client.ClusterUnavailableException;
import io.casty.client.NodeUnreachableException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * Answers a {@link CastyException} thrown by a web handler (or completing its future) with
 * an RFC 9457 problem: 503 Service Unavailable with a {@code Retry-After} header when the
 * cluster is out of reach, slow or overloaded and the request may succeed later
 * ({@link #isUnavailable(CastyException)}), 502 Bad Gateway for any other Casty failure. The
 * problem's {@code error} property names the exception's class; its {@code detail} is the
 * exception's message only when configured so, since messages name nodes and entity ids.
 * <p>
 * Nothing is logged above DEBUG for a 503 (the cluster's state is for health and metrics to
 * report, not one stack trace per request); a 502 is one WARN line without stack trace,
 * the stack trace at DEBUG.
 * <p>
 * Ordered last: an {@code @ExceptionHandler} of the controller itself, or of any other
 * {@code @ControllerAdvice}, takes precedence. Works for Spring MVC and WebFlux alike.
 *
 * @since 0.1.0
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class CastyProblemDetailsExceptionHandler {

	/** Name of the problem property that holds the exception's simple class name. */
	public static final String ERROR_PROPERTY = "error";

	private static final Log logger = LogFactory.getLog(CastyProblemDetailsExceptionHandler.class);

	private final String retryAfterSeconds;

	private final boolean includeMessage;

	/**
	 * Creates a handler.
	 * @param retryAfter the {@code Retry-After} of 503 responses, rounded up to whole seconds
	 * (at least 1)
	 * @param includeMessage whether the exception's message is the problem's detail
	 */
	public CastyProblemDetailsExceptionHandler(Duration retryAfter, boolean includeMessage) {
		long seconds = retryAfter.toSeconds() + ((retryAfter.toNanosPart() > 0) ? 1 : 0);
		this.retryAfterSeconds = Long.toString(Math.max(1, seconds));
		this.includeMessage = includeMessage;
	}

	/**
	 * Answers the exception with a problem response.
	 * @param ex the exception
	 * @return 503 with {@code Retry-After}, or 502
	 */
	@ExceptionHandler(CastyException.class)
	public ResponseEntity<ProblemDetail> handleCastyException(CastyException ex) {
		Kind kind = Kind.of(ex);
		if (kind.status == HttpStatus.SERVICE_UNAVAILABLE) {
			if (logger.isDebugEnabled()) {
				logger.debug("Answered 503 to a Casty failure", ex);
			}
		}
		else {
			logger.warn("Answered 502 to a Casty failure: " + ex);
			if (logger.isDebugEnabled()) {
				logger.debug("Stack trace of the Casty failure answered with 502", ex);
			}
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(kind.status,
				(this.includeMessage && ex.getMessage() != null) ? ex.getMessage() : kind.detail);
		problem.setTitle(kind.title);
		problem.setProperty(ERROR_PROPERTY, ex.getClass().getSimpleName());
		ResponseEntity.HeadersBuilder<?> response = ResponseEntity.of(problem);
		if (kind.status == HttpStatus.SERVICE_UNAVAILABLE) {
			response.header(HttpHeaders.RETRY_AFTER, this.retryAfterSeconds);
		}
		return response.build();
	}

	/**
	 * Whether a failure means the cluster is out of reach, slow or overloaded for now, so the
	 * same request may succeed later: a node that cannot be reached, no contact point
	 * answering, an ask timing out, a full buffer, or the client stopped (the instance is
	 * shutting down or paused).
	 * @param ex the failure
	 * @return whether it is answered with 503
	 */
	public static boolean isUnavailable(CastyException ex) {
		return Kind.of(ex).status == HttpStatus.SERVICE_UNAVAILABLE;
	}

	private enum Kind {

		TIMEOUT(HttpStatus.SERVICE_UNAVAILABLE, "The Casty cluster did not answer in time",
				"No reply arrived within the ask timeout; retry later."),

		UNREACHABLE(HttpStatus.SERVICE_UNAVAILABLE, "The Casty cluster is unreachable",
				"The cluster node serving this request cannot be reached; retry later."),

		OVERLOADED(HttpStatus.SERVICE_UNAVAILABLE, "Too many requests are waiting for the Casty cluster",
				"The client's buffers for the cluster are full; retry later."),

		STOPPED(HttpStatus.SERVICE_UNAVAILABLE, "The Casty client is stopped",
				"This instance is not connected to the cluster now; retry later."),

		FAILED(HttpStatus.BAD_GATEWAY, "The Casty cluster request failed",
				"The cluster could not handle the request.");

		private final HttpStatus status;

		private final String title;

		private final String detail;

		Kind(HttpStatus status, String title, String detail) {
			this.status = status;
			this.title = title;
			this.detail = detail;
		}

		static Kind of(CastyException ex) {
			if (ex instanceof CastyTimeoutException) {
				return TIMEOUT;
			}
			if (ex instanceof NodeUnreachableException || ex instanceof ClusterUnavailableException) {
				return UNREACHABLE;
			}
			if (ex instanceof BufferOverflowException) {
				return OVERLOADED;
			}
			if (ex instanceof ClientClosedException) {
				return STOPPED;
			}
			return FAILED;
		}

	}

}
