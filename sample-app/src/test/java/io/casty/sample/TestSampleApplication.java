package io.casty.sample;

import io.casty.sample.embedded.SampleTestCluster;

import org.springframework.boot.SpringApplication;

/**
 * The sample for development: {@link SampleApplication} with the {@link SampleTestCluster}
 * in the same JVM, from the test classpath ({@code casty-testkit} is a test dependency, not
 * in the application's jar). {@code mvn -pl sample-app -am spring-boot:run} starts it.
 *
 * @since 0.1.0
 */
public final class TestSampleApplication {

	private TestSampleApplication() {
	}

	public static void main(String[] args) {
		SpringApplication.from(SampleApplication::main).with(SampleTestCluster.class).run(args);
	}

}
