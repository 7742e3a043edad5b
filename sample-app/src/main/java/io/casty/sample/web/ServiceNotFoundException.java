package io.casty.sample.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * No instance of a discoverable service is registered in the cluster: 503 with
 * {@code Retry-After}, as the starter answers the client's own unavailability failures.
 *
 * @since 0.1.0
 */
public class ServiceNotFoundException extends ErrorResponseException {

	private static final long serialVersionUID = 1L;

	private static final String RETRY_AFTER_SECONDS = "1";

	/**
	 * Creates the exception.
	 * @param key the service key name
	 */
	public ServiceNotFoundException(String key) {
		super(HttpStatus.SERVICE_UNAVAILABLE, problem(key), null);
		getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
	}

	private static ProblemDetail problem(String key) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"No instance of service '" + key + "' is registered in the cluster; "
						+ "start a node hosting it (python -m casty_sample ... --service) and retry");
		problem.setTitle("The service is not available");
		problem.setProperty("error", ServiceNotFoundException.class.getSimpleName());
		return problem;
	}

}
