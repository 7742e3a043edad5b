package io.casty.spring.boot.autoconfigure.entity;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.casty.client.ActorRef;
import io.casty.client.CastyMessage;
import io.casty.client.DataclassValue;
import io.casty.client.EnumValue;
import io.casty.client.Tuple;
import io.casty.spring.boot.autoconfigure.InvalidCastyConfigurationException;
import org.jspecify.annotations.Nullable;

/**
 * The types reachable from message types: permitted subtypes of sealed interfaces, record
 * components, type arguments (the reply type of an {@code ActorRef<R>} component among
 * them), collection elements and arrays. The auto-configuration checks at start-up that
 * every record on the way is a Casty message type, and ahead-of-time processing registers
 * reflection hints for all of them.
 *
 * @since 0.1.0
 */
public final class CastyMessageTypeGraph {

	private final Map<Class<?>, String> types = new LinkedHashMap<>();

	private final Map<Class<?>, String> unannotated = new LinkedHashMap<>();

	private CastyMessageTypeGraph() {
	}

	/**
	 * Walks the graph from some roots.
	 * @param roots message types (records, enums, sealed interfaces)
	 * @return the graph
	 */
	public static CastyMessageTypeGraph of(Collection<Class<?>> roots) {
		CastyMessageTypeGraph graph = new CastyMessageTypeGraph();
		for (Class<?> root : roots) {
			graph.walk(root, root.getName());
		}
		return graph;
	}

	/**
	 * Every application type reached (records, enums, sealed interfaces), roots included.
	 * @return the types, in the order they were reached
	 */
	public Set<Class<?>> types() {
		return this.types.keySet();
	}

	/**
	 * Fails when a record is reached that has no {@link CastyMessage}: the nodes could not
	 * decode it (or the client a reply holding it), and asks would only time out.
	 * @throws InvalidCastyConfigurationException naming the first such record and its path
	 */
	public void validate() {
		for (Map.Entry<Class<?>, String> entry : this.unannotated.entrySet()) {
			Class<?> type = entry.getKey();
			throw new InvalidCastyConfigurationException(
					"The record " + type.getName() + " is used by a Casty message type but has no @CastyMessage (path: "
							+ entry.getValue() + ")",
					"Annotate " + type.getSimpleName() + " with @CastyMessage(\"<python module>." + type.getSimpleName()
							+ "\") naming the dataclass the nodes use, or change the field's type.",
					null);
		}
	}

	private void walk(@Nullable Type type, String path) {
		if (type instanceof Class<?> cls) {
			walkClass(cls, path);
		}
		else if (type instanceof ParameterizedType parameterized) {
			walk(parameterized.getRawType(), path);
			Type[] arguments = parameterized.getActualTypeArguments();
			for (int i = 0; i < arguments.length; i++) {
				walk(arguments[i], path + "<" + i + ">");
			}
		}
		else if (type instanceof WildcardType wildcard) {
			for (Type bound : wildcard.getUpperBounds()) {
				walk(bound, path);
			}
		}
		else if (type instanceof GenericArrayType array) {
			walk(array.getGenericComponentType(), path + "[]");
		}
		else if (type instanceof TypeVariable<?> variable) {
			for (Type bound : variable.getBounds()) {
				walk(bound, path);
			}
		}
	}

	private void walkClass(Class<?> type, String path) {
		if (type.isArray()) {
			walk(type.getComponentType(), path + "[]");
			return;
		}
		if (type.isPrimitive() || isLibraryType(type) || this.types.containsKey(type)) {
			return;
		}
		if (type.isRecord() && !type.isAnnotationPresent(CastyMessage.class)) {
			this.unannotated.put(type, path);
		}
		if (!type.isRecord() && !type.isEnum() && !(type.isInterface() && type.isSealed())) {
			return;
		}
		this.types.put(type, path);
		if (type.isSealed()) {
			for (Class<?> permitted : type.getPermittedSubclasses()) {
				walk(permitted, path + " > " + permitted.getSimpleName());
			}
		}
		if (type.isRecord()) {
			for (RecordComponent component : type.getRecordComponents()) {
				walk(component.getGenericType(), path + "." + component.getName());
			}
		}
	}

	private static boolean isLibraryType(Class<?> type) {
		String name = type.getName();
		return name.startsWith("java.") || name.startsWith("javax.") || type == ActorRef.class || type == Tuple.class
				|| type == DataclassValue.class || type == EnumValue.class;
	}

}
