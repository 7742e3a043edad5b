package io.casty.client.messaging;

import java.util.ArrayList;
import java.util.List;

import io.casty.client.protocol.CastyPaths;
import io.casty.client.transport.ClientIdentity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ask table's ring and its overflow: every ask is found by its id until removed once,
 * including one whose ring entry an older ask still held, and ids are never confused.
 */
class AskTableTests {

	private static final ClientIdentity IDENTITY = new ClientIdentity("127.0.0.1", 1, "test");

	@Test
	void anAskIsFoundByItsIdAndRemovedOnce() {
		AskTable table = new AskTable(4);
		PendingAsk ask = ask(3);
		assertThat(table.add(ask)).isTrue();
		assertThat(table.contains(3)).isTrue();
		assertThat(table.contains(3 + 16)).as("same ring entry, other id").isFalse();
		assertThat(table.remove(3 + 16)).isNull();
		assertThat(table.remove(3)).isSameAs(ask);
		assertThat(table.remove(3)).isNull();
		assertThat(table.remove(ask)).isFalse();
		assertThat(table.size()).isZero();
	}

	@Test
	void anIdAlreadyHeldIsRefused() {
		AskTable table = new AskTable(4);
		assertThat(table.add(ask(5))).isTrue();
		assertThat(table.add(ask(5))).isFalse();
		assertThat(table.add(ask(5 + 16))).isTrue();
		assertThat(table.add(ask(5 + 16))).as("held in the overflow").isFalse();
		assertThat(table.size()).isEqualTo(2);
	}

	@Test
	void asksThatMeetInTheRingAreKeptApartAndEachEndsOnce() {
		AskTable table = new AskTable(4);
		List<PendingAsk> asks = new ArrayList<>();
		// a ring of 16 entries: ids 16 apart share one; four turns of the ring in flight at once
		for (long id = 0; id < 64; id++) {
			PendingAsk ask = ask(id * 16 + 1);
			asks.add(ask);
			assertThat(table.add(ask)).isTrue();
		}
		assertThat(table.size()).isEqualTo(64);
		assertThat(table.asks()).containsExactlyInAnyOrderElementsOf(asks);
		for (int i = 0; i < asks.size(); i += 2) {
			assertThat(table.remove(asks.get(i).id)).isSameAs(asks.get(i));
		}
		for (int i = 1; i < asks.size(); i += 2) {
			assertThat(table.contains(asks.get(i).id)).isTrue();
			assertThat(table.remove(asks.get(i))).isTrue();
			assertThat(table.remove(asks.get(i))).isFalse();
		}
		assertThat(table.size()).isZero();
		assertThat(table.asks()).isEmpty();
	}

	@Test
	void theRingIsBoundedWhateverTheBound() {
		AskTable table = new AskTable(Integer.MAX_VALUE);
		for (long id = 0; id < 3 * AskTable.MAX_RING; id++) {
			assertThat(table.add(ask(id))).isTrue();
		}
		assertThat(table.size()).isEqualTo(3 * AskTable.MAX_RING);
		assertThat(table.remove(2L * AskTable.MAX_RING + 7).id).isEqualTo(2L * AskTable.MAX_RING + 7);
	}

	private static PendingAsk ask(long id) {
		return new PendingAsk(null, id, IDENTITY.ref(CastyPaths.askPath(0, id)), Integer.class, "t", (subject) -> "ask", "t", 1_000_000);
	}

}
