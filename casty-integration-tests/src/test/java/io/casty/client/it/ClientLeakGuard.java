package io.casty.client.it;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.casty.client.CastyClient;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Checks after every test of the suite (registered by auto-detection) that nothing the test
 * used is left behind: every client it tracked is closed with no pending ask and no buffered
 * message, and no {@code casty-client*} thread is alive once they are closed. Clients a
 * class shares between its tests ({@code @BeforeAll}) are checked after the class.
 */
public final class ClientLeakGuard implements BeforeEachCallback, AfterEachCallback, AfterAllCallback {

	private static final List<CastyClient> tracked = new CopyOnWriteArrayList<>();

	private static final List<CastyClient> shared = new CopyOnWriteArrayList<>();

	/**
	 * Tracks a client so the guard checks it after the test.
	 * @param client the client
	 * @return the client
	 */
	static CastyClient track(CastyClient client) {
		tracked.add(client);
		return client;
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		// whatever was tracked before a test came from the class's set-up
		shared.addAll(tracked);
		tracked.clear();
	}

	@Override
	public void afterEach(ExtensionContext context) {
		checkClosed(tracked);
		if (shared.stream().noneMatch(CastyClient::isRunning)) {
			awaitNoClientThreads();
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		shared.addAll(tracked);
		tracked.clear();
		checkClosed(shared);
		awaitNoClientThreads();
	}

	private static void checkClosed(List<CastyClient> list) {
		List<CastyClient> clients = List.copyOf(list);
		list.clear();
		for (CastyClient client : clients) {
			boolean wasRunning = client.isRunning();
			client.close();
			assertThat(wasRunning).as("the test left a client running").isFalse();
			assertThat(client.pendingAsks()).as("pending asks of a closed client").isZero();
			assertThat(client.bufferedMessages()).as("buffered messages of a closed client").isZero();
		}
	}

	private static void awaitNoClientThreads() {
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
				.filteredOn((t) -> t.isAlive() && t.getName().startsWith("casty-client"))
				.extracting(Thread::getName)
				.as("casty-client threads alive after the test's clients were closed")
				.isEmpty());
	}

}
