package io.casty.client;

import java.lang.reflect.ParameterizedType;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ReplyTypeTests {

	@Test
	void anAnonymousSubclassCapturesTheTypeArguments() {
		ReplyType<Map<String, List<Integer>>> type = new ReplyType<>() {
		};
		assertThat(type.type()).isInstanceOf(ParameterizedType.class);
		assertThat(type.type().getTypeName()).isEqualTo("java.util.Map<java.lang.String, java.util.List<java.lang.Integer>>");
		assertThat(type).isEqualTo(new ReplyType<Map<String, List<Integer>>>() {
		});
	}

	@Test
	void ofAClassIsThatClass() {
		assertThat(ReplyType.of(String.class).type()).isEqualTo(String.class);
		assertThat(ReplyType.of(String.class)).hasToString("ReplyType[java.lang.String]");
	}

	@Test
	void aSubclassOfASubclassIsRejectedWithAnExample() {
		class Named extends ReplyType<String> {
		}
		class Deeper extends Named {
		}
		assertThat(new Named().type()).isEqualTo(String.class);
		assertThatIllegalArgumentException().isThrownBy(Deeper::new).withMessageContaining("new ReplyType<List<Integer>>() {}");
	}

}
