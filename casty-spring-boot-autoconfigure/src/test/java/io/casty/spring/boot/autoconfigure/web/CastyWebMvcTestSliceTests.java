package io.casty.spring.boot.autoconfigure.web;

import java.util.concurrent.CompletableFuture;

import io.casty.client.CastyException;
import io.casty.client.NodeAddress;
import io.casty.client.NodeUnreachableException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code @WebMvcTest} slice that imports nothing Casty's: the slice's own auto-configuration
 * list ({@code AutoConfigureWebMvc.imports}) brings the problem mapping, so a controller test
 * sees the 503 and 502 its application answers.
 */
@WebMvcTest
class CastyWebMvcTestSliceTests {

	@Autowired
	private MockMvcTester mvc;

	@Test
	void whenAControllersFutureFailsWithAnUnreachableNodeThenTheSliceAnswers503WithRetryAfter() {
		assertThat(this.mvc.get().uri("/unreachable")).hasStatus(503)
			.hasHeader(HttpHeaders.RETRY_AFTER, "1")
			.bodyJson()
			.extractingPath("$.error")
			.isEqualTo("NodeUnreachableException");
	}

	@Test
	void whenAControllerThrowsAnotherCastyExceptionThenTheSliceAnswers502() {
		assertThat(this.mvc.get().uri("/broken")).hasStatus(502)
			.bodyJson()
			.extractingPath("$.error")
			.isEqualTo("CastyException");
	}

	@Configuration(proxyBeanMethods = false)
	@Import(FailingController.class)
	static class SliceConfiguration {

	}

	@RestController
	static class FailingController {

		@GetMapping("/unreachable")
		CompletableFuture<String> unreachable() {
			return CompletableFuture
				.failedFuture(new NodeUnreachableException(new NodeAddress("127.0.0.1", 25520), "node down"));
		}

		@GetMapping("/broken")
		String broken() {
			throw new CastyException("the reply could not be decoded");
		}

	}

}
