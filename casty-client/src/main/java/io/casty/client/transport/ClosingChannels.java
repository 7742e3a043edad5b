package io.casty.client.transport;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for channels being closed to be closed, so that the event loops, shut down next, do
 * not close them with their last frames (an unsubscription) still queued.
 */
final class ClosingChannels {

	private static final Logger logger = LoggerFactory.getLogger(ClosingChannels.class);

	private ClosingChannels() {
	}

	/**
	 * Waits, off the channels' event loops, until every channel is closed or {@code wait}
	 * passed; a channel on the current thread's event loop is not waited for (it cannot close
	 * while its loop waits).
	 * @param closing the channels, closing
	 * @param wait the longest wait for all of them
	 */
	static void awaitClosed(List<Channel> closing, Duration wait) {
		long deadline = System.nanoTime() + wait.toNanos();
		for (Channel ch : closing) {
			if (ch.eventLoop().inEventLoop()) {
				continue;
			}
			long left = deadline - System.nanoTime();
			if (left <= 0 || !ch.closeFuture().awaitUninterruptibly(left, TimeUnit.NANOSECONDS)) {
				logger.debug("Connection {} still open after {} ms of closing", ch, wait.toMillis());
				return;
			}
		}
	}

}
