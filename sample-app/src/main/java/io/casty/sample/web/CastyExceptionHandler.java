package io.casty.sample.web;

import io.casty.client.BufferOverflowException;
import io.casty.client.CastyException;
import io.casty.client.CastyTimeoutException;
import io.casty.client.ClientClosedException;
import io.casty.client.ClusterUnavailableException;
import io.casty.client.NodeUnreachableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Maps the client's typed exceptions to RFC 9457 problem responses: the cluster being out of
 * reach, an ask timing out or a full buffer are 503 Service Unavailable with a
 * {@code Retry-After}; any other Casty failure is 502 Bad Gateway. Spring MVC's own
 * exceptions (unreadable body, wrong types, {@link InvalidRequestException}) keep their
 * statuses, rendered as problems too.
 *
 * @since 0.1.0
 */
@RestControllerAdvice
public class CastyExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(CastyExceptionHandler.class);

	private static final String RETRY_AFTER_SECONDS = "1";

	@ExceptionHandler(CastyTimeoutException.class)
	ResponseEntity<ProblemDetail> timeout(CastyTimeoutException ex) {
		return unavailable("The Casty cluster did not answer in time", ex);
	}

	@ExceptionHandler({ NodeUnreachableException.class, ClusterUnavailableException.class,
			ClientClosedException.class })
	ResponseEntity<ProblemDetail> unreachable(CastyException ex) {
		return unavailable("The Casty cluster is unreachable", ex);
	}

	@ExceptionHandler(BufferOverflowException.class)
	ResponseEntity<ProblemDetail> overloaded(BufferOverflowException ex) {
		return unavailable("Too many messages are waiting for the Casty cluster", ex);
	}

	@ExceptionHandler(ServiceNotFoundException.class)
	ResponseEntity<ProblemDetail> serviceNotFound(ServiceNotFoundException ex) {
		return unavailable("The service is not available", ex);
	}

	@ExceptionHandler(CastyException.class)
	ResponseEntity<ProblemDetail> failed(CastyException ex) {
		logger.warn("Casty request failed", ex);
		ProblemDetail problem = problem(HttpStatus.BAD_GATEWAY, "The Casty cluster request failed", ex);
		return ResponseEntity.of(problem).build();
	}

	private static ResponseEntity<ProblemDetail> unavailable(String title, RuntimeException ex) {
		logger.debug(title, ex);
		ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, title, ex);
		return ResponseEntity.of(problem).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).build();
	}

	private static ProblemDetail problem(HttpStatus status, String title, RuntimeException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, String.valueOf(ex.getMessage()));
		problem.setTitle(title);
		problem.setProperty("error", ex.getClass().getSimpleName());
		return problem;
	}

}
