package io.casty.spring.boot.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link InvalidCastyConfigurationException} at start-up: what is wrong with the
 * {@code casty.client.*} configuration and how to fix it.
 *
 * @since 0.1.0
 */
public class CastyConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidCastyConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidCastyConfigurationException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
	}

}
