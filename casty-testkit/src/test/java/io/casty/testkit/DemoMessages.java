package io.casty.testkit;

import io.casty.client.ActorRef;
import io.casty.client.CastyMessage;

/**
 * Message types of the test entities: the {@code wirevec.messages} of the golden vectors and
 * a few of our own.
 */
final class DemoMessages {

	static final Class<?>[] ALL = { Increment.class, Greet.class, Greeting.class, Add.class, Get.class,
			WhereAreYou.class };

	private DemoMessages() {
	}

	@CastyMessage("wirevec.messages.Increment")
	record Increment(int amount, ActorRef<Integer> replyTo) {
	}

	@CastyMessage("wirevec.messages.Greet")
	record Greet(String name, ActorRef<Greeting> replyTo) {
	}

	@CastyMessage("wirevec.messages.Greeting")
	record Greeting(String text, String entityId, String nodeId, int count) {
	}

	@CastyMessage("testkit.messages.Add")
	record Add(int amount) {
	}

	@CastyMessage("testkit.messages.Get")
	record Get(ActorRef<Integer> replyTo) {
	}

	@CastyMessage("testkit.messages.WhereAreYou")
	record WhereAreYou(ActorRef<String> replyTo) {
	}

	/** A counter entity: Increment replies the new total, Add adds, Get replies the total. */
	static EntityBehavior counter() {
		int[] total = { 0 };
		return (context, message) -> {
			if (message instanceof Increment increment) {
				total[0] += increment.amount();
				context.tell(increment.replyTo(), total[0]);
			}
			else if (message instanceof Add add) {
				total[0] += add.amount();
			}
			else if (message instanceof Get get) {
				context.tell(get.replyTo(), total[0]);
			}
			else if (message instanceof WhereAreYou where) {
				context.tell(where.replyTo(), context.node().toString());
			}
		};
	}

	/** A greeter service replying a Greeting that counts calls. */
	static ServiceBehavior greeter() {
		int[] calls = { 0 };
		return (context, message) -> {
			if (message instanceof Greet greet) {
				calls[0]++;
				context.tell(greet.replyTo(),
						new Greeting("hello " + greet.name(), context.key(), context.node().toString(), calls[0]));
			}
		};
	}

	/** The cluster shape of the golden vectors: 3 nodes, counter (16) and profile (8, 1 replica), greeter on node 2. */
	static CastyTestCluster.Builder wireDemo() {
		return CastyTestCluster.builder()
			.nodes(3)
			.systemName("wire-demo")
			.messageTypes(ALL)
			.shardedType("counter", 16, (id) -> counter())
			.shardedType("profile", 8, 1, (id) -> counter())
			.service("greeter", "/greeter-svc", 1, greeter())
			.noFailureDetection();
	}

}
