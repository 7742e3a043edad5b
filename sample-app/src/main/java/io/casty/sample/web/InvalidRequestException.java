package io.casty.sample.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * A request the sample refuses before anything is sent to the cluster: 400 Bad Request.
 *
 * @since 0.1.0
 */
public class InvalidRequestException extends ResponseStatusException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param reason what is wrong and how to fix it
	 */
	public InvalidRequestException(String reason) {
		super(HttpStatus.BAD_REQUEST, reason);
	}

}
