package io.casty.client.actors;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.casty.client.ActorRef;
import io.casty.client.CastyClientListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One actor hosted by the client: a bounded mailbox of encoded messages, drained one at a
 * time on the host's executor.
 *
 * @since 0.1.0
 */
public final class HostedActor {

	private static final Logger logger = LoggerFactory.getLogger(HostedActor.class);

	private final String path;

	private final ActorRef<?> ref;

	private final ActorOptions options;

	private final Consumer<byte[]> handler;

	private final Executor executor;

	private final CastyClientListener listener;

	private final Runnable onStop;

	private final ArrayDeque<byte[]> mailbox = new ArrayDeque<>();

	private final AtomicLong handled = new AtomicLong();

	private final AtomicLong failures = new AtomicLong();

	private final AtomicLong dropped = new AtomicLong();

	/** Guarded by the mailbox. */
	private boolean scheduled;

	private volatile boolean stopped;

	HostedActor(String path, ActorRef<?> ref, ActorOptions options, Consumer<byte[]> handler, Executor executor,
			CastyClientListener listener, Runnable onStop) {
		this.path = path;
		this.ref = ref;
		this.options = options;
		this.handler = handler;
		this.executor = executor;
		this.listener = listener;
		this.onStop = onStop;
	}

	/**
	 * The actor's path on the client.
	 * @return the path, e.g. {@code /alerts}
	 */
	public String path() {
		return this.path;
	}

	/**
	 * The actor's ref.
	 * @return the ref
	 */
	public ActorRef<?> ref() {
		return this.ref;
	}

	/**
	 * Messages handled (successfully or not).
	 * @return the count
	 */
	public long handled() {
		return this.handled.get();
	}

	/**
	 * Messages whose handling threw.
	 * @return the count
	 */
	public long failures() {
		return this.failures.get();
	}

	/**
	 * Messages dropped because the mailbox was full.
	 * @return the count
	 */
	public long dropped() {
		return this.dropped.get();
	}

	/**
	 * Whether the actor is stopped.
	 * @return whether it is
	 */
	public boolean isStopped() {
		return this.stopped;
	}

	void offer(byte[] payload) {
		boolean schedule = false;
		synchronized (this.mailbox) {
			if (this.stopped) {
				this.listener.inboundDropped("actor-stopped");
				return;
			}
			if (this.mailbox.size() >= this.options.mailboxCapacity()) {
				this.dropped.incrementAndGet();
				this.listener.inboundDropped("mailbox-full");
				if (this.dropped.get() == 1 || Long.bitCount(this.dropped.get()) == 1) {
					logger.warn("The mailbox of client actor {} is full ({} messages): {} message(s) dropped so far",
							this.path, this.options.mailboxCapacity(), this.dropped.get());
				}
				if (this.options.overflow() == MailboxOverflow.DROP_NEWEST) {
					return;
				}
				this.mailbox.poll();
			}
			this.mailbox.add(payload);
			if (!this.scheduled) {
				this.scheduled = true;
				schedule = true;
			}
		}
		if (schedule) {
			this.executor.execute(this::drain);
		}
	}

	private void drain() {
		while (true) {
			byte[] next;
			synchronized (this.mailbox) {
				next = this.stopped ? null : this.mailbox.poll();
				if (next == null) {
					this.scheduled = false;
					return;
				}
			}
			try {
				this.handler.accept(next);
			}
			catch (RuntimeException ex) {
				this.failures.incrementAndGet();
				logger.warn("Client actor {} failed handling a message; it goes on with the next one", this.path, ex);
			}
			this.handled.incrementAndGet();
		}
	}

	/**
	 * Stops the actor: waiting messages are dropped, later ones too.
	 */
	public void stop() {
		synchronized (this.mailbox) {
			if (this.stopped) {
				return;
			}
			this.stopped = true;
			this.mailbox.clear();
		}
		this.onStop.run();
	}

	@Override
	public String toString() {
		return "HostedActor[" + this.ref + "]";
	}

}
