package io.casty.codegen.schema;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a casty-schema document into the model, checking every field it needs and naming
 * the JSON path of anything wrong.
 */
final class SchemaReader {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private SchemaReader() {
	}

	static CastySchema read(String json) {
		JsonNode root;
		try {
			root = MAPPER.readTree(json);
		}
		catch (JacksonException ex) {
			throw new SchemaFormatException("Not a JSON document: " + ex.getOriginalMessage(), ex);
		}
		if (root == null || !root.isObject()) {
			throw new SchemaFormatException("$: a casty-schema document is a JSON object");
		}
		String format = text(root, "format", "$");
		if (!CastySchema.FORMAT.equals(format)) {
			throw new SchemaFormatException("$.format: expected '" + CastySchema.FORMAT + "', got '" + format + "'");
		}
		JsonNode version = root.get("version");
		if (version == null || !version.isIntegralNumber()) {
			throw new SchemaFormatException("$.version: missing or not an integer");
		}
		if (version.intValue() != CastySchema.VERSION) {
			throw new SchemaFormatException("$.version: version " + version.intValue()
					+ " is not supported; this library reads version " + CastySchema.VERSION
					+ " (export again with the casty_schema.py of this release)");
		}
		List<String> modules = new ArrayList<>();
		for (JsonNode module : array(root, "modules", "$")) {
			modules.add(module.asString());
		}
		List<SchemaType> types = new ArrayList<>();
		int index = 0;
		for (JsonNode type : array(root, "types", "$")) {
			types.add(type(type, "$.types[" + index++ + "]"));
		}
		JsonNode python = root.get("python");
		return new CastySchema(version.intValue(), (python != null) ? python.asString() : "", modules, types);
	}

	private static SchemaType type(JsonNode node, String path) {
		String kind = text(node, "kind", path);
		String name = text(node, "name", path);
		String module = text(node, "module", path);
		String qualname = text(node, "qualname", path);
		String source = optionalText(node, "source");
		String doc = optionalText(node, "doc");
		switch (kind) {
			case "dataclass" -> {
				List<SchemaType.Field> fields = new ArrayList<>();
				int index = 0;
				for (JsonNode field : array(node, "fields", path)) {
					String fieldPath = path + ".fields[" + index++ + "]";
					JsonNode init = field.get("init");
					fields.add(new SchemaType.Field(text(field, "name", fieldPath),
							expr(required(field, "type", fieldPath), fieldPath + ".type"),
							defaultValue(field.get("default")), init == null || init.asBoolean()));
				}
				JsonNode frozen = node.get("frozen");
				return new SchemaType.Dataclass(name, module, qualname, (source != null) ? source : "", doc,
						frozen != null && frozen.asBoolean(), fields);
			}
			case "enum" -> {
				List<SchemaType.Member> members = new ArrayList<>();
				int index = 0;
				for (JsonNode member : array(node, "members", path)) {
					String memberPath = path + ".members[" + index++ + "]";
					JsonNode value = member.get("value");
					String valueText = (value != null) ? pythonLiteral(value) : optionalText(member, "value_repr");
					members.add(new SchemaType.Member(text(member, "name", memberPath),
							(valueText != null) ? valueText : "", optionalText(member, "alias_of")));
				}
				String base = optionalText(node, "base");
				return new SchemaType.PyEnum(name, module, qualname, (source != null) ? source : "", doc,
						(base != null) ? base : "Enum", members);
			}
			default -> throw new SchemaFormatException(path + ".kind: expected 'dataclass' or 'enum', got '" + kind + "'");
		}
	}

	private static TypeExpr expr(JsonNode node, String path) {
		String kind = text(node, "kind", path);
		return switch (kind) {
			case "str" -> new TypeExpr.Scalar(TypeExpr.ScalarKind.STR);
			case "int" -> new TypeExpr.Scalar(TypeExpr.ScalarKind.INT);
			case "float" -> new TypeExpr.Scalar(TypeExpr.ScalarKind.FLOAT);
			case "bool" -> new TypeExpr.Scalar(TypeExpr.ScalarKind.BOOL);
			case "none" -> new TypeExpr.Scalar(TypeExpr.ScalarKind.NONE);
			case "any" -> new TypeExpr.Scalar(TypeExpr.ScalarKind.ANY);
			case "list" -> new TypeExpr.ListOf(expr(required(node, "item", path), path + ".item"));
			case "frozenset" -> new TypeExpr.FrozensetOf(expr(required(node, "item", path), path + ".item"));
			case "tuple" -> {
				JsonNode items = node.get("items");
				if (items != null) {
					yield new TypeExpr.FixedTuple(exprs(array(node, "items", path), path + ".items"));
				}
				yield new TypeExpr.TupleOf(expr(required(node, "item", path), path + ".item"));
			}
			case "dict" -> new TypeExpr.DictOf(expr(required(node, "key", path), path + ".key"),
					expr(required(node, "value", path), path + ".value"));
			case "optional" -> new TypeExpr.OptionalOf(expr(required(node, "type", path), path + ".type"));
			case "union" -> new TypeExpr.UnionOf(exprs(array(node, "types", path), path + ".types"));
			case "ref" -> {
				JsonNode message = node.get("message");
				yield new TypeExpr.Ref((message != null) ? expr(message, path + ".message")
						: new TypeExpr.Scalar(TypeExpr.ScalarKind.ANY));
			}
			case "dataclass" -> new TypeExpr.DataclassRef(text(node, "name", path));
			case "enum" -> new TypeExpr.EnumRef(text(node, "name", path));
			case "literal" -> {
				List<String> values = new ArrayList<>();
				TypeExpr.ScalarKind common = null;
				for (JsonNode value : array(node, "values", path)) {
					values.add(pythonLiteral(value));
					TypeExpr.ScalarKind valueKind = scalarKind(value);
					common = (common == null || common == valueKind) ? valueKind : TypeExpr.ScalarKind.ANY;
				}
				yield new TypeExpr.LiteralOf(values, (common != null) ? common : TypeExpr.ScalarKind.ANY);
			}
			default -> throw new SchemaFormatException(path + ".kind: unknown type kind '" + kind + "'");
		};
	}

	private static List<TypeExpr> exprs(Iterable<JsonNode> nodes, String path) {
		List<TypeExpr> result = new ArrayList<>();
		int index = 0;
		for (JsonNode node : nodes) {
			result.add(expr(node, path + "[" + index++ + "]"));
		}
		return result;
	}

	private static TypeExpr.ScalarKind scalarKind(JsonNode value) {
		if (value.isString()) {
			return TypeExpr.ScalarKind.STR;
		}
		if (value.isBoolean()) {
			return TypeExpr.ScalarKind.BOOL;
		}
		if (value.isIntegralNumber()) {
			return TypeExpr.ScalarKind.INT;
		}
		if (value.isNumber()) {
			return TypeExpr.ScalarKind.FLOAT;
		}
		return value.isNull() ? TypeExpr.ScalarKind.NONE : TypeExpr.ScalarKind.ANY;
	}

	private static @Nullable String defaultValue(@Nullable JsonNode node) {
		if (node == null || !node.isObject()) {
			return null;
		}
		if (node.has("value")) {
			return pythonLiteral(node.get("value"));
		}
		if (node.has("factory")) {
			return "field(default_factory=" + node.get("factory").asString() + ")";
		}
		if (node.has("enum") && node.has("member")) {
			String type = node.get("enum").asString();
			return type.substring(type.lastIndexOf('.') + 1) + "." + node.get("member").asString();
		}
		return node.has("repr") ? node.get("repr").asString() : null;
	}

	static String pythonLiteral(JsonNode value) {
		if (value.isNull()) {
			return "None";
		}
		if (value.isBoolean()) {
			return value.booleanValue() ? "True" : "False";
		}
		if (value.isString()) {
			return "'" + value.stringValue().replace("\\", "\\\\").replace("'", "\\'") + "'";
		}
		if (value.isIntegralNumber()) {
			return value.bigIntegerValue().toString();
		}
		if (value.isNumber()) {
			double d = value.doubleValue();
			return (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e16) ? String.valueOf((long) d) + ".0"
					: String.valueOf(d);
		}
		return value.toString();
	}

	private static JsonNode required(JsonNode node, String field, String path) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			throw new SchemaFormatException(path + "." + field + ": missing");
		}
		return value;
	}

	private static String text(JsonNode node, String field, String path) {
		JsonNode value = required(node, field, path);
		if (!value.isString()) {
			throw new SchemaFormatException(path + "." + field + ": expected a string");
		}
		return value.stringValue();
	}

	private static @Nullable String optionalText(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && value.isString()) ? value.stringValue() : null;
	}

	private static Iterable<JsonNode> array(JsonNode node, String field, String path) {
		JsonNode value = required(node, field, path);
		if (!value.isArray()) {
			throw new SchemaFormatException(path + "." + field + ": expected an array");
		}
		return value.values();
	}

}
