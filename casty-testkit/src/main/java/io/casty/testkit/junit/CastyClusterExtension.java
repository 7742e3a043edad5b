package io.casty.testkit.junit;

import java.util.Objects;

import io.casty.testkit.CastyTestCluster;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs a {@link CastyTestCluster} for a test class. Registered on a {@code static} field it
 * starts before all tests and closes after them; on an instance field, around each test.
 * Test and lifecycle methods can declare a {@link CastyTestCluster} parameter.
 *
 * <pre class="code">
 * &#64;RegisterExtension
 * static CastyClusterExtension cluster = CastyClusterExtension.of(CastyTestCluster.builder().nodes(3));
 *
 * &#64;Test
 * void works(CastyTestCluster cluster) { ... }
 * </pre>
 *
 * @since 0.1.0
 */
public final class CastyClusterExtension
		implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

	private final CastyTestCluster.Builder builder;

	private volatile @Nullable CastyTestCluster cluster;

	private volatile boolean perClass;

	private CastyClusterExtension(CastyTestCluster.Builder builder) {
		this.builder = Objects.requireNonNull(builder, "builder").copy();
	}

	/**
	 * Creates the extension.
	 * @param builder the cluster configuration (copied)
	 * @return the extension
	 */
	public static CastyClusterExtension of(CastyTestCluster.Builder builder) {
		return new CastyClusterExtension(builder);
	}

	/**
	 * Returns the running cluster.
	 * @return the cluster
	 * @throws IllegalStateException outside the tests of the class
	 */
	public CastyTestCluster cluster() {
		CastyTestCluster current = this.cluster;
		if (current == null) {
			throw new IllegalStateException("The Casty test cluster is not running: register the extension with "
					+ "@RegisterExtension and use it from tests or lifecycle methods");
		}
		return current;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		this.perClass = true;
		this.cluster = this.builder.start();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		closeCluster();
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		if (this.cluster == null) {
			this.cluster = this.builder.start();
		}
	}

	@Override
	public void afterEach(ExtensionContext context) {
		if (!this.perClass) {
			closeCluster();
		}
	}

	private void closeCluster() {
		CastyTestCluster current = this.cluster;
		this.cluster = null;
		if (current != null) {
			current.close();
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == CastyTestCluster.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		CastyTestCluster current = this.cluster;
		if (current == null) {
			current = this.builder.start();
			this.cluster = current;
		}
		if (current == null) {
			throw new ParameterResolutionException("No Casty test cluster is running");
		}
		return current;
	}

}
