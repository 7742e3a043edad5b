package io.casty.spring.boot.autoconfigure.web;

import io.casty.client.CastyException;
import io.casty.client.CastyTimeoutException;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A {@code @WebFluxTest} slice that imports nothing Casty's: the slice's own
 * auto-configuration list ({@code AutoConfigureWebFlux.imports}) brings the problem mapping.
 */
@WebFluxTest
class CastyWebFluxTestSliceTests {

	@Autowired
	private WebTestClient client;

	@Test
	void whenAHandlersMonoFailsWithATimeoutThenTheSliceAnswers503WithRetryAfter() {
		this.client.get()
			.uri("/slow")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "1")
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("CastyTimeoutException");
	}

	@Test
	void whenAHandlerThrowsAnotherCastyExceptionThenTheSliceAnswers502() {
		this.client.get()
			.uri("/broken")
			.exchange()
			.expectStatus()
			.isEqualTo(502)
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("CastyException");
	}

	@Configuration(proxyBeanMethods = false)
	@Import(FailingHandler.class)
	static class SliceConfiguration {

	}

	@RestController
	static class FailingHandler {

		@GetMapping("/slow")
		Mono<String> slow() {
			return Mono.error(new CastyTimeoutException("no reply within 5s"));
		}

		@GetMapping("/broken")
		String broken() {
			throw new CastyException("the reply could not be decoded");
		}

	}

}
