package io.casty.client.protocol.codec;

import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Writes an already parsed value tree through a {@link TreeWriter}, keeping member order.
 *
 * @since 0.1.0
 */
public final class TreeNodes {

	private TreeNodes() {
	}

	/**
	 * Writes {@code node} and everything below it.
	 * @param node the tree
	 * @param writer the target
	 */
	public static void write(JsonNode node, TreeWriter writer) {
		switch (node.getNodeType()) {
			case OBJECT -> {
				writer.beginObject(node.size());
				for (Map.Entry<String, JsonNode> entry : node.properties()) {
					writer.name(entry.getKey());
					write(entry.getValue(), writer);
				}
				writer.endObject();
			}
			case ARRAY -> {
				writer.beginArray(node.size());
				for (JsonNode item : node.values()) {
					write(item, writer);
				}
				writer.endArray();
			}
			case STRING -> writer.string(node.stringValue());
			case NUMBER -> {
				if (node.isIntegralNumber()) {
					if (node.canConvertToLong()) {
						writer.integer(node.longValue());
					}
					else {
						writer.integer(node.bigIntegerValue());
					}
				}
				else {
					writer.floating(node.doubleValue());
				}
			}
			case BOOLEAN -> writer.bool(node.booleanValue());
			case NULL, MISSING -> writer.nul();
			default -> throw new io.casty.client.MessageCodecException(
					"A " + node.getNodeType() + " value cannot be written to a Casty payload");
		}
	}

}
