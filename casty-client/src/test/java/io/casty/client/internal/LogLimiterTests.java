package io.casty.client.internal;

import java.time.Duration;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

class LogLimiterTests {

	private final Logger logger = (Logger) LoggerFactory.getLogger("test.log-limiter");

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	@BeforeEach
	void attach() {
		this.appender.start();
		this.logger.addAppender(this.appender);
		this.logger.setLevel(Level.WARN);
	}

	@AfterEach
	void detach() {
		this.logger.detachAppender(this.appender);
	}

	@Test
	void aFloodOfOneKeyLogsOnceWithinTheInterval() {
		LogLimiter limiter = new LogLimiter(this.logger, Duration.ofHours(1));
		for (int i = 0; i < 10_000; i++) {
			limiter.warn("invalid-frame 10.0.0.1:1", "Dropped frame {}", i);
		}
		assertThat(this.appender.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("Dropped frame 0");
	}

	@Test
	void eachKeyHasItsOwnLimit() {
		LogLimiter limiter = new LogLimiter(this.logger, Duration.ofHours(1));
		limiter.warn("invalid-frame a", "from {}", "a");
		limiter.warn("invalid-frame b", "from {}", "b");
		limiter.warn("invalid-frame a", "from {}", "a");
		assertThat(this.appender.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("from a", "from b");
	}

	@Test
	void afterTheIntervalTheNextWarningSaysHowManyWereLeftOut() {
		long[] now = { 0 };
		LogLimiter limiter = new LogLimiter(this.logger, Duration.ofSeconds(10), () -> now[0]);
		limiter.warn("k", "dropped {}", 1);
		now[0] += Duration.ofSeconds(9).toNanos();
		limiter.warn("k", "dropped {}", 2);
		limiter.warn("k", "dropped {}", 3);
		now[0] += Duration.ofSeconds(2).toNanos();
		limiter.warn("k", "dropped {}", 4);
		assertThat(this.appender.list).extracting(ILoggingEvent::getFormattedMessage)
			.containsExactly("dropped 1", "dropped 4 (2 similar warnings left out since the last one)");
	}

}
