package io.casty.codegen.schema;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One Python type of a schema: a dataclass or an enum.
 *
 * @since 0.1.0
 */
public sealed interface SchemaType {

	/**
	 * The Python {@code module.qualname}, as Casty writes it in {@code _type} or
	 * {@code __enum__}.
	 * @return the name
	 */
	String name();

	/**
	 * The module.
	 * @return the module name
	 */
	String module();

	/**
	 * The qualified name inside the module ({@code Outer.Inner} for nested classes).
	 * @return the qualname
	 */
	String qualname();

	/**
	 * The source file relative to the import root, for example {@code shop/messages.py}.
	 * @return the path
	 */
	String source();

	/**
	 * The docstring.
	 * @return the cleaned docstring, or {@code null}
	 */
	@Nullable String doc();

	/**
	 * A dataclass.
	 *
	 * @param name the {@code module.qualname}
	 * @param module the module
	 * @param qualname the qualname
	 * @param source the source file
	 * @param doc the docstring
	 * @param frozen whether it is {@code frozen=True}
	 * @param fields the fields in the order {@code dataclasses.fields()} gives them, the wire order
	 */
	record Dataclass(String name, String module, String qualname, String source, @Nullable String doc, boolean frozen,
			List<Field> fields) implements SchemaType {

		public Dataclass {
			fields = List.copyOf(fields);
		}

	}

	/**
	 * One dataclass field.
	 *
	 * @param name the Python field name
	 * @param type the annotated type
	 * @param defaultValue the default as Python source ({@code None}, {@code 'EUR'},
	 * {@code field(default_factory=list)}), or {@code null} when it has none
	 * @param init whether the field is an {@code __init__} parameter; Casty passes every
	 * received field to {@code __init__}, so a field with {@code init=False} cannot be sent
	 */
	record Field(String name, TypeExpr type, @Nullable String defaultValue, boolean init) {

		/**
		 * Renders the field as Python declares it, {@code quantity: int}.
		 * @return the declaration without the default
		 */
		public String toPython() {
			return this.name + ": " + this.type.toPython();
		}

	}

	/**
	 * An enum; members travel by name.
	 *
	 * @param name the {@code module.qualname}
	 * @param module the module
	 * @param qualname the qualname
	 * @param source the source file
	 * @param doc the docstring
	 * @param base the enum base class, {@code Enum}, {@code IntEnum}, {@code StrEnum},
	 * {@code Flag}...
	 * @param members the members in definition order
	 */
	record PyEnum(String name, String module, String qualname, String source, @Nullable String doc, String base,
			List<Member> members) implements SchemaType {

		public PyEnum {
			members = List.copyOf(members);
		}

		/**
		 * The member names, the wire values.
		 * @return the names in definition order
		 */
		public List<String> memberNames() {
			return this.members.stream().map(Member::name).toList();
		}

	}

	/**
	 * One enum member.
	 *
	 * @param name the member name, what travels on the wire
	 * @param value the member's value as a Python literal (documentation only)
	 * @param aliasOf the canonical member this name is an alias of, or {@code null}
	 */
	record Member(String name, String value, @Nullable String aliasOf) {
	}

}
