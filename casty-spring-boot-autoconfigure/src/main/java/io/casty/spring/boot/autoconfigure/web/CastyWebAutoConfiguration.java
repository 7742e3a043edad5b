package io.casty.spring.boot.autoconfigure.web;

import io.casty.client.CastyException;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ProblemDetail;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * of the {@link CastyProblemDetailsExceptionHandler} in web applications (Spring MVC or
 * WebFlux), unless {@code casty.client.web.problem-details.enabled=false}.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnClass({ CastyException.class, ProblemDetail.class })
@ConditionalOnWebApplication
@ConditionalOnBooleanProperty(name = "casty.client.web.problem-details.enabled", matchIfMissing = true)
@EnableConfigurationProperties(CastyWebProperties.class)
public final class CastyWebAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CastyProblemDetailsExceptionHandler castyProblemDetailsExceptionHandler(CastyWebProperties properties) {
		CastyWebProperties.ProblemDetails problemDetails = properties.getProblemDetails();
		return new CastyProblemDetailsExceptionHandler(problemDetails.getRetryAfter(),
				problemDetails.isIncludeMessage());
	}

}
