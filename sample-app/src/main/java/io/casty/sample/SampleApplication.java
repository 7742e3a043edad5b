package io.casty.sample;

import io.casty.sample.messages.PaymentMsg;
import io.casty.spring.boot.autoconfigure.CastyClientOptionsCustomizer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The sample application. Its {@code @CastyEntity} message types ({@code loyalty},
 * {@code counter}, {@code accounts}) become {@code EntityRef} beans; the payment service's
 * messages are not an entity type, so they are registered with the client here.
 *
 * @since 0.1.0
 */
@SpringBootApplication
public class SampleApplication {

	@Bean
	CastyClientOptionsCustomizer paymentMessages() {
		return (builder) -> builder.messageTypes(PaymentMsg.class);
	}

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
