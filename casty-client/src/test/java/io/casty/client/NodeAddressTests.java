package io.casty.client;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link NodeAddress}: parsing and the one address order.
 */
class NodeAddressTests {

	@Test
	void parsesHostAndPort() {
		assertThat(NodeAddress.parse("10.0.0.5:25520")).isEqualTo(new NodeAddress("10.0.0.5", 25520));
		assertThat(new NodeAddress("h", 1)).hasToString("h:1");
		assertThatIllegalArgumentException().isThrownBy(() -> NodeAddress.parse("::1:80"));
		assertThatIllegalArgumentException().isThrownBy(() -> NodeAddress.parse("host"));
		assertThatIllegalArgumentException().isThrownBy(() -> NodeAddress.parse("host:99999"));
	}

	@Test
	void ordersByHostThenPort() {
		List<NodeAddress> nodes = new ArrayList<>(List.of(new NodeAddress("b", 1), new NodeAddress("a", 2),
				new NodeAddress("a", 10), new NodeAddress("-jc-x", 0)));
		nodes.sort(NodeAddress.ORDER);
		assertThat(nodes).containsExactly(new NodeAddress("-jc-x", 0), new NodeAddress("a", 2), new NodeAddress("a", 10),
				new NodeAddress("b", 1));
	}

	@Test
	void ordersHostsByCodePointAsPythonDoes() {
		// U+FF5E sorts above U+1F600 by UTF-16 unit (0xFF5E > 0xD83D) but below it by code point
		NodeAddress bmp = new NodeAddress("\uFF5E", 1);
		NodeAddress astral = new NodeAddress("\uD83D\uDE00", 1);
		assertThat(NodeAddress.ORDER.compare(bmp, astral)).isNegative();
		assertThat(bmp.compareTo(astral)).isNegative();
		assertThat(NodeAddress.ORDER.compare(new NodeAddress("ab", 1), new NodeAddress("a", 9))).isPositive();
	}

}
