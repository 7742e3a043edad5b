package io.casty.sample.web;

import java.util.concurrent.CompletableFuture;

import io.casty.client.EntityRef;
import io.casty.client.NodeAddress;
import io.casty.client.NodeUnreachableException;
import io.casty.sample.messages.AccountMsg;
import io.casty.sample.messages.CounterMsg;
import io.casty.sample.messages.CounterMsg.Increment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * The counter and account controllers in a {@code @WebMvcTest} slice: no cluster and no
 * client, the {@code EntityRef} beans are Mockito mocks; the slice brings Casty's problem
 * mapping by itself (503 + Retry-After below, nothing imported). Also the strict request bodies:
 * fractions, strings and amounts above {@link AmountRequest#MAX_AMOUNT} are 400 and reach no
 * entity.
 */
@WebMvcTest({ CounterController.class, AccountController.class })
class CounterControllerWebMvcTests {

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private EntityRef<CounterMsg> counters;

	@MockitoBean
	private EntityRef<AccountMsg> accounts;

	@Test
	void whenAnIncrementIsPostedThenTheCounterEntityIsToldIt() {
		assertThat(this.mvc.post().uri("/counters/visits/increment").contentType(MediaType.APPLICATION_JSON)
			.content("{\"amount\": 3}")).hasStatus(202).bodyJson().extractingPath("$.added").isEqualTo(3);
		then(this.counters).should().tell("visits", new Increment(3));
	}

	@Test
	void whenACountIsAskedThenTheEntityRefsReplyIsTheBody() {
		given(this.counters.ask(eq("visits"), any(), eq(Long.class))).willReturn(CompletableFuture.completedFuture(7L));
		assertThat(this.mvc.get().uri("/counters/visits")).hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("{\"counter\": \"visits\", \"count\": 7}");
	}

	@Test
	void whenTheEntitysNodeIsUnreachableThenTheAnswerIs503WithRetryAfter() {
		given(this.counters.ask(eq("visits"), any(), eq(Long.class))).willReturn(CompletableFuture
			.failedFuture(new NodeUnreachableException(new NodeAddress("127.0.0.1", 25602), "node down")));
		assertThat(this.mvc.get().uri("/counters/visits")).hasStatus(503)
			.hasHeader(HttpHeaders.RETRY_AFTER, "1")
			.bodyJson()
			.extractingPath("$.error")
			.isEqualTo("NodeUnreachableException");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"amount\": 1.5}", "{\"amount\": \"7\"}", "{\"amount\": true}", "{\"amount\": 1e3}",
			"{\"amount\": 1000001}", "{\"amount\": 9223372036854775807}", "{\"amount\": 99999999999999999999}",
			"{\"amount\": 0}", "{\"amount\": -1}", "{}" })
	void whenAnIncrementIsNotAWholeAmountInRangeThenItIs400AndReachesNoEntity(String body) {
		assertThat(this.mvc.post().uri("/counters/visits/increment").contentType(MediaType.APPLICATION_JSON)
			.content(body)).hasStatus(400);
		verifyNoInteractions(this.counters);
	}

	@Test
	void whenAnIncrementIsTheLargestAmountThenItIsSent() {
		assertThat(this.mvc.post().uri("/counters/visits/increment").contentType(MediaType.APPLICATION_JSON)
			.content("{\"amount\": " + AmountRequest.MAX_AMOUNT + "}")).hasStatus(202);
		then(this.counters).should().tell("visits", new Increment(AmountRequest.MAX_AMOUNT));
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"amount\": 2.5}", "{\"amount\": \"100\"}", "{\"amount\": 1000001}" })
	void whenADepositIsNotAWholeAmountInRangeThenItIs400AndReachesNoAccount(String body) {
		assertThat(this.mvc.post().uri("/accounts/acc-1/deposit").contentType(MediaType.APPLICATION_JSON)
			.content(body)).hasStatus(400).bodyJson().extractingPath("$.status").isEqualTo(400);
		verifyNoInteractions(this.accounts);
	}

}
