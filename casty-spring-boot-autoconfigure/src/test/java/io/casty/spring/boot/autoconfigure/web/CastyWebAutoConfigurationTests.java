package io.casty.spring.boot.autoconfigure.web;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.casty.client.BufferOverflowException;
import io.casty.client.CastyException;
import io.casty.client.CastyTimeoutException;
import io.casty.client.ClientClosedException;
import io.casty.client.ClusterUnavailableException;
import io.casty.client.MessageCodecException;
import io.casty.client.NodeAddress;
import io.casty.client.NodeUnreachableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tests for {@link CastyWebAutoConfiguration} and {@link CastyProblemDetailsExceptionHandler},
 * through Spring MVC.
 */
@ExtendWith(OutputCaptureExtension.class)
class CastyWebAutoConfigurationTests {

	private static final String NODE_MESSAGE = "Shard of entity 'alice' of 'cart' is on node 10.0.0.7:25520, "
			+ "which cannot be reached";

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class,
				HttpMessageConvertersAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
				WebMvcAutoConfiguration.class, CastyWebAutoConfiguration.class))
		.withUserConfiguration(FailingController.class);

	@Test
	void whenTheClusterIsOutOfReachThenTheAnswerIs503WithRetryAfter() {
		this.contextRunner.run((context) -> {
			MockMvc mvc = mvc(context);
			for (String path : new String[] { "/unreachable", "/unavailable", "/timeout", "/overflow", "/closed" }) {
				mvc.perform(get(path))
					.andExpect(status().isServiceUnavailable())
					.andExpect(header().string(HttpHeaders.RETRY_AFTER, "1"))
					.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
					.andExpect(jsonPath("$.status").value(503))
					.andExpect(jsonPath("$.title").isNotEmpty())
					.andExpect(jsonPath("$.detail").isNotEmpty())
					.andExpect(jsonPath("$.instance").value(path));
			}
			mvc.perform(get("/unreachable"))
				.andExpect(jsonPath("$.title").value("The Casty cluster is unreachable"))
				.andExpect(jsonPath("$.error").value("NodeUnreachableException"));
			mvc.perform(get("/timeout"))
				.andExpect(jsonPath("$.title").value("The Casty cluster did not answer in time"))
				.andExpect(jsonPath("$.error").value("CastyTimeoutException"));
			mvc.perform(get("/overflow")).andExpect(jsonPath("$.error").value("BufferOverflowException"));
			mvc.perform(get("/closed")).andExpect(jsonPath("$.error").value("ClientClosedException"));
			mvc.perform(get("/unavailable")).andExpect(jsonPath("$.error").value("ClusterUnavailableException"));
		});
	}

	@Test
	void whenAnyOtherCastyFailureThenTheAnswerIs502WithoutRetryAfter() {
		this.contextRunner.run((context) -> mvc(context).perform(get("/codec"))
			.andExpect(status().isBadGateway())
			.andExpect(header().doesNotExist(HttpHeaders.RETRY_AFTER))
			.andExpect(jsonPath("$.status").value(502))
			.andExpect(jsonPath("$.title").value("The Casty cluster request failed"))
			.andExpect(jsonPath("$.error").value("MessageCodecException")));
	}

	@Test
	void whenAFutureFailsThenItsCastyCauseIsMapped() {
		this.contextRunner.run((context) -> {
			MockMvc mvc = mvc(context);
			MvcResult async = mvc.perform(get("/async-timeout")).andExpect(request().asyncStarted()).andReturn();
			mvc.perform(asyncDispatch(async))
				.andExpect(status().isServiceUnavailable())
				.andExpect(header().string(HttpHeaders.RETRY_AFTER, "1"))
				.andExpect(jsonPath("$.error").value("CastyTimeoutException"));
			// join() wraps the failure in a CompletionException
			mvc.perform(get("/joined"))
				.andExpect(status().isServiceUnavailable())
				.andExpect(jsonPath("$.error").value("NodeUnreachableException"));
		});
	}

	@Test
	void whenMessagesAreNotIncludedThenTheDetailNamesNoNode() {
		// the body the README shows
		this.contextRunner.run((context) -> mvc(context).perform(get("/unreachable"))
			.andExpect(content().json("""
					{"detail":"The cluster node serving this request cannot be reached; retry later.",
					"instance":"/unreachable","status":503,"title":"The Casty cluster is unreachable",
					"error":"NodeUnreachableException"}""", JsonCompareMode.STRICT)));
	}

	@Test
	void whenMessagesAreIncludedThenTheDetailIsTheExceptionMessage() {
		this.contextRunner.withPropertyValues("casty.client.web.problem-details.include-message=true")
			.run((context) -> mvc(context).perform(get("/unreachable"))
				.andExpect(jsonPath("$.detail").value(NODE_MESSAGE)));
	}

	@Test
	void whenRetryAfterIsSetThenItIsRoundedUpToSeconds() {
		this.contextRunner.withPropertyValues("casty.client.web.problem-details.retry-after=2500ms")
			.run((context) -> mvc(context).perform(get("/timeout"))
				.andExpect(header().string(HttpHeaders.RETRY_AFTER, "3")));
	}

	@Test
	void whenA503IsAnsweredThenNothingIsLoggedAndA502IsOneWarnLine(CapturedOutput output) {
		this.contextRunner.run((context) -> {
			MockMvc mvc = mvc(context);
			mvc.perform(get("/unreachable")).andExpect(status().isServiceUnavailable());
			mvc.perform(get("/timeout")).andExpect(status().isServiceUnavailable());
			assertThat(output.getOut()).doesNotContain("NodeUnreachableException")
				.doesNotContain("CastyTimeoutException");
			mvc.perform(get("/codec")).andExpect(status().isBadGateway());
		});
		assertThat(output.getOut()).doesNotContain("ERROR")
			.contains("WARN")
			.contains("Answered 502 to a Casty failure: io.casty.client.MessageCodecException: cannot decode")
			.doesNotContain("\tat ");
	}

	@Test
	void whenTheControllerOrAnotherAdviceHandlesTheExceptionThenItWins() {
		this.contextRunner.withUserConfiguration(TimeoutAdvice.class).run((context) -> {
			MockMvc mvc = mvc(context);
			mvc.perform(get("/timeout")).andExpect(status().isTooManyRequests());
			mvc.perform(get("/unreachable")).andExpect(status().isServiceUnavailable());
		});
	}

	@Test
	void whenDisabledThenNoHandler() {
		this.contextRunner.withPropertyValues("casty.client.web.problem-details.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CastyProblemDetailsExceptionHandler.class));
	}

	@Test
	void whenTheApplicationDefinesAHandlerThenTheAutoConfiguredOneBacksOff() {
		this.contextRunner.withUserConfiguration(CustomHandlerConfiguration.class)
			.run((context) -> assertThat(context).getBean(CastyProblemDetailsExceptionHandler.class)
				.isSameAs(context.getBean(CustomHandlerConfiguration.class).handler));
	}

	@Test
	void whenNotAWebApplicationThenNoHandler() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(CastyWebAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(CastyProblemDetailsExceptionHandler.class));
	}

	@Test
	void whenSpringWebIsMissingThenNoHandler() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ProblemDetail.class))
			.run((context) -> assertThat(context).doesNotHaveBean(CastyProblemDetailsExceptionHandler.class));
	}

	@Test
	void isUnavailableSplits503From502() {
		assertThat(CastyProblemDetailsExceptionHandler.isUnavailable(new CastyTimeoutException("t"))).isTrue();
		assertThat(CastyProblemDetailsExceptionHandler.isUnavailable(new BufferOverflowException("b"))).isTrue();
		assertThat(CastyProblemDetailsExceptionHandler.isUnavailable(new MessageCodecException("c"))).isFalse();
		assertThat(CastyProblemDetailsExceptionHandler.isUnavailable(new CastyException("x"))).isFalse();
	}

	private static MockMvc mvc(WebApplicationContext context) {
		return MockMvcBuilders.webAppContextSetup(context).build();
	}

	@RestController
	static class FailingController {

		@GetMapping("/unreachable")
		String unreachable() {
			throw new NodeUnreachableException(new NodeAddress("10.0.0.7", 25520), NODE_MESSAGE);
		}

		@GetMapping("/unavailable")
		String unavailable() {
			throw new ClusterUnavailableException("No contact point of [10.0.0.7:25520] answered");
		}

		@GetMapping("/timeout")
		String timeout() {
			throw new CastyTimeoutException("No reply within 3000 ms to ask to entity 'alice' of shard type 'cart'");
		}

		@GetMapping("/overflow")
		String overflow() {
			throw new BufferOverflowException("1000 messages of 'cart' wait for shard locations");
		}

		@GetMapping("/closed")
		String closed() {
			throw new ClientClosedException("The Casty client is stopped");
		}

		@GetMapping("/codec")
		String codec() {
			throw new MessageCodecException("cannot decode the reply of 'cart'");
		}

		@GetMapping("/async-timeout")
		CompletableFuture<String> asyncTimeout() {
			return CompletableFuture.failedFuture(new CastyTimeoutException("No reply within 3000 ms"));
		}

		@GetMapping("/joined")
		String joined() {
			return CompletableFuture.<String>failedFuture(
					new NodeUnreachableException(new NodeAddress("10.0.0.7", 25520), "Connection lost"))
				.join();
		}

	}

	@ControllerAdvice
	static class TimeoutAdvice {

		@ExceptionHandler(CastyTimeoutException.class)
		ResponseEntity<String> timeout(CastyTimeoutException ex) {
			return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).body("slow down");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomHandlerConfiguration {

		final CastyProblemDetailsExceptionHandler handler = new CastyProblemDetailsExceptionHandler(
				Duration.ofSeconds(5), true);

		@Bean
		CastyProblemDetailsExceptionHandler customHandler() {
			return this.handler;
		}

	}

}
