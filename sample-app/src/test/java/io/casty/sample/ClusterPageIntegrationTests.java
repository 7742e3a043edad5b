package io.casty.sample;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import io.casty.client.NodeAddress;
import io.casty.sample.embedded.SampleTestCluster;
import io.casty.sample.messages.SampleTypes;
import io.casty.testkit.CastyTestCluster;
import io.casty.testkit.TestNode;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The cluster page ({@code /}) in a real browser: the distribution's headless Chromium and
 * chromedriver (installed by {@code .ci/run} when missing). Without them the test says so
 * on stderr and is skipped. Screenshots go to {@code target/cluster-page*.png}. The page
 * redraws every second, so a found element can go stale: the waits retry then.
 */
@EnabledIf(value = "browserInstalled", disabledReason = ClusterPageIntegrationTests.NO_BROWSER_REASON)
@Import(SampleTestCluster.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "casty.client.topology.poll-interval=200ms", "casty.client.topology.timeout=1s",
				"casty.client.reconnect.max-backoff=300ms" })
class ClusterPageIntegrationTests {

	/** Where Debian's chromium and chromium-driver packages put their binaries. */
	private static final List<String> BROWSERS = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser");

	private static final List<String> DRIVERS = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

	static final String NO_BROWSER_REASON = "no headless Chromium and chromedriver installed (see stderr)";

	private static final String NO_BROWSER = "no headless Chromium here (looked for /usr/bin/chromium and "
			+ "/usr/bin/chromedriver); install the distribution's chromium and chromium-driver packages (.ci/run does) "
			+ "to run the cluster page's browser test";

	private static ChromeDriver browser;

	@TempDir
	static Path profile;

	@LocalServerPort
	private int port;

	@Autowired
	private CastyTestCluster cluster;

	/**
	 * Whether the browser and its driver are installed; says so loudly on stderr if not.
	 * @return whether the test can run
	 */
	static boolean browserInstalled() {
		if (firstExecutable(BROWSERS) != null && firstExecutable(DRIVERS) != null) {
			return true;
		}
		System.err.println("\n!!!!!!!!!!\n!!! SKIPPED: " + NO_BROWSER + "\n!!!!!!!!!!\n");
		return false;
	}

	@BeforeAll
	static void startBrowser() {
		String binary = Objects.requireNonNull(firstExecutable(BROWSERS));
		String driver = Objects.requireNonNull(firstExecutable(DRIVERS));
		ChromeOptions options = new ChromeOptions();
		options.setBinary(binary);
		// Root in a container: no sandbox; no GPU, no network or update chatter of its own.
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--window-size=1400,1000", "--user-data-dir=" + profile.resolve("chromium"));
		// The driver is named explicitly: Selenium's driver manager cannot download anything here.
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(driver))
			.usingAnyFreePort()
			.build();
		browser = new ChromeDriver(service, options);
		browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
	}

	@AfterAll
	static void stopBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void thePageShowsMembersAndShardGridsAndAKilledNodeWithinSeconds() throws IOException {
		RestClient http = RestClient.create("http://localhost:" + this.port);
		for (String customer : List.of("alice", "bob", "carol", "dave", "erin", "frank")) {
			http.post()
				.uri("/loyalty/{id}/points", customer)
				.header("Content-Type", "application/json")
				.body("{\"amount\": 5}")
				.retrieve()
				.toBodilessEntity();
			http.get().uri("/loyalty/{id}/points", customer).retrieve().toBodilessEntity();
		}
		browser.get("http://localhost:" + this.port + "/");
		List<String> addresses = this.cluster.nodes().stream().map((n) -> n.address().toString()).sorted().toList();
		await().atMost(Duration.ofSeconds(15)).ignoreExceptionsInstanceOf(WebDriverException.class).untilAsserted(() -> {
			assertThat(browser.findElements(By.cssSelector("#members tbody tr[data-address]")))
				.extracting((row) -> row.getAttribute("data-address"))
				.containsExactlyElementsOf(addresses);
			assertThat(browser.findElements(By.cssSelector("#members tr.unreachable"))).isEmpty();
			assertThat(browser.findElement(By.id("leader")).getText()).isEqualTo(this.cluster.leader().toString());
			WebElement loyalty = browser.findElement(By.cssSelector(".grid[data-type='" + SampleTypes.LOYALTY + "']"));
			assertThat(loyalty.findElements(By.cssSelector(".cell"))).hasSize(SampleTypes.NUM_SHARDS);
			assertThat(loyalty.findElements(By.cssSelector(".cell:not(.unowned)"))).isNotEmpty();
			assertThat(browser.findElement(By.id("asks-rate")).getText()).isNotEqualTo("–");
		});
		screenshot("cluster-page.png");

		TestNode victim = this.cluster.nodes().stream()
			.filter((n) -> !n.address().equals(this.cluster.leader()))
			.findFirst()
			.orElseThrow();
		NodeAddress address = victim.address();
		long killedAt = System.nanoTime();
		victim.kill();
		try {
			await().atMost(Duration.ofSeconds(5)).ignoreExceptionsInstanceOf(WebDriverException.class).untilAsserted(() -> {
				WebElement row = browser.findElement(By.cssSelector("#members tr[data-address='" + address + "']"));
				assertThat(row.getAttribute("class")).contains("unreachable");
				assertThat(row.findElement(By.cssSelector(".reason")).getText()).isNotBlank();
				assertThat(browser.findElement(By.id("status")).getText()).contains("1 unreachable");
				assertThat(browser.findElements(By.cssSelector(".cell.lost"))).allSatisfy(
						(cell) -> assertThat(cell.getAttribute("data-node")).isEqualTo(address.toString()));
			});
			System.out.printf("The page showed %s unreachable %d ms after it was killed%n", address,
					Duration.ofNanos(System.nanoTime() - killedAt).toMillis());
			screenshot("cluster-page-node-killed.png");
		}
		finally {
			victim.restart();
		}
	}

	private static void screenshot(String name) throws IOException {
		Path target = Path.of("target", name);
		Files.createDirectories(target.getParent());
		Files.write(target, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
	}

	private static @Nullable String firstExecutable(List<String> candidates) {
		return candidates.stream().filter((c) -> new File(c).canExecute()).findFirst().orElse(null);
	}

}
