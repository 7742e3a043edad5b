package io.casty.sample;

import java.util.List;

import io.casty.client.ActorRef;
import io.casty.client.protocol.codec.MessageCodec;
import io.casty.client.protocol.codec.MessageTypeRegistry;
import io.casty.sample.generated.AddPoints;
import io.casty.sample.generated.Balance;
import io.casty.sample.generated.Deposit;
import io.casty.sample.generated.GetBalance;
import io.casty.sample.generated.GetCount;
import io.casty.sample.generated.GetPoints;
import io.casty.sample.generated.GetStatus;
import io.casty.sample.generated.Increment;
import io.casty.sample.generated.PaymentStatus;
import io.casty.sample.generated.ProcessPayment;
import io.casty.sample.generated.Rejected;
import io.casty.sample.generated.Withdraw;
import io.casty.sample.messages.AccountMsg;
import io.casty.sample.messages.AccountReply;
import io.casty.sample.messages.CounterMsg;
import io.casty.sample.messages.LoyaltyMsg;
import io.casty.sample.messages.PaymentMsg;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The records casty-maven-plugin generates from the sample's Python schema (in
 * {@code target/generated-test-sources/casty}) and the sample's hand-written message types
 * put the same bytes on the wire, and each decodes what the other encodes.
 */
class GeneratedMessagesTests {

	private static final ActorRef<Object> REF = ActorRef
		.parse("casty://casty-sample@127.0.0.1:25520/_ask/0123456789abcdef0123456789abcdef");

	private final MessageCodec handWritten = new MessageCodec(new MessageTypeRegistry().register(LoyaltyMsg.class,
			CounterMsg.class, AccountMsg.class, AccountReply.class, PaymentMsg.class,
			io.casty.sample.messages.PaymentStatus.class));

	private final MessageCodec generated = new MessageCodec(new MessageTypeRegistry().register(
			io.casty.sample.generated.LoyaltyMsg.class, io.casty.sample.generated.CounterMsg.class,
			io.casty.sample.generated.AccountMsg.class, io.casty.sample.generated.AccountReply.class,
			io.casty.sample.generated.PaymentMsg.class, PaymentStatus.class));

	@Test
	void everyGeneratedMessageEncodesLikeItsHandWrittenTwin() {
		List<Object[]> pairs = List.of(new Object[] { new LoyaltyMsg.AddPoints(50), new AddPoints(50) },
				new Object[] { new LoyaltyMsg.GetPoints(REF.narrow()), new GetPoints(REF) },
				new Object[] { new CounterMsg.Increment(3), new Increment(3) },
				new Object[] { new CounterMsg.GetCount(REF.narrow()), new GetCount(REF) },
				new Object[] { new AccountMsg.Deposit(100, REF.narrow()), new Deposit(100, REF) },
				new Object[] { new AccountMsg.Withdraw(500, REF.narrow()), new Withdraw(500, REF) },
				new Object[] { new AccountMsg.GetBalance(REF.narrow()), new GetBalance(REF) },
				new Object[] { new AccountReply.Balance("bob", 100), new Balance("bob", 100) },
				new Object[] { new AccountReply.Rejected("insufficient funds"), new Rejected("insufficient funds") },
				new Object[] { new PaymentMsg.ProcessPayment(7), new ProcessPayment(7) },
				new Object[] { new PaymentMsg.GetStatus(REF.narrow()), new GetStatus(REF) },
				new Object[] { new io.casty.sample.messages.PaymentStatus("127.0.0.1:25520", 2),
						new PaymentStatus("127.0.0.1:25520", 2) });
		for (Object[] pair : pairs) {
			byte[] bytes = this.handWritten.encode(pair[0]);
			assertThat(this.generated.encode(pair[1])).as("%s", pair[1]).isEqualTo(bytes);
			assertThat(this.generated.decode(bytes)).isEqualTo(pair[1]);
			assertThat(this.handWritten.decode(this.generated.encode(pair[1]))).isEqualTo(pair[0]);
		}
	}

}
