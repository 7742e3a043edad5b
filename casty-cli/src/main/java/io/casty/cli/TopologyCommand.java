package io.casty.cli;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.casty.client.CastyClient;
import io.casty.client.topology.TopologyView;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import reactor.core.Disposable;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code casty topology}: members, leader, epoch, shards per node, services; one type's
 * whole map; or a stream of changes.
 *
 * @since 0.1.0
 */
@Command(name = "topology", description = "Show the members, leader, allocation epoch, shard counts and services; "
		+ "--shards TYPE adds one type's shard map, --watch prints changes as they come.")
final class TopologyCommand extends ClusterCommand {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

	@Option(names = "--shards", paramLabel = "TYPE", description = "Also print the shard -> node map of this shard type.")
	@Nullable String shardType;

	@Option(names = { "-w", "--watch" }, description = "Keep running and print each change (one JSON object per line with --json).")
	boolean watch;

	@Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
			description = "With --watch: stop after this long (default: until interrupted).")
	@Nullable Duration duration;

	@Override
	int run(ClusterSession session, CliIo io) throws InterruptedException {
		CastyClient client = session.client();
		ObjectNode first = describe(client, session.topology());
		print(io, first, session.topology());
		if (!this.watch) {
			return ExitCodes.OK;
		}
		CountDownLatch done = new CountDownLatch(1);
		ObjectNode[] last = { first };
		Disposable subscription = client.topology().changes().subscribe((view) -> {
			ObjectNode now = describe(client, view);
			synchronized (last) {
				if (now.equals(last[0])) {
					return;
				}
				if (json()) {
					ObjectNode change = now.deepCopy();
					change.put("at", java.time.Instant.now().toString());
					io.json(change);
				}
				else {
					String at = LocalTime.now().format(TIME);
					for (String line : TopologyDescription.changes(last[0], now)) {
						io.line(at + "  " + line);
					}
				}
				last[0] = now;
			}
		}, (error) -> done.countDown(), done::countDown);
		try {
			if (this.duration != null) {
				done.await(this.duration.toMillis(), TimeUnit.MILLISECONDS);
			}
			else {
				done.await();
			}
		}
		finally {
			subscription.dispose();
		}
		return ExitCodes.OK;
	}

	private ObjectNode describe(CastyClient client, TopologyView view) {
		return TopologyDescription.describe(view, client.connections(), this.shardType);
	}

	private void print(CliIo io, ObjectNode description, TopologyView view) {
		if (json()) {
			ObjectNode copy = description.deepCopy();
			copy.put("system", this.cluster.system);
			copy.put("source", String.valueOf(view.source()));
			copy.put("ageMs", view.age().toMillis());
			io.json(copy);
			return;
		}
		List<String> lines = TopologyDescription.render(description, this.cluster.system, view.source());
		lines.forEach(io::line);
	}

}
