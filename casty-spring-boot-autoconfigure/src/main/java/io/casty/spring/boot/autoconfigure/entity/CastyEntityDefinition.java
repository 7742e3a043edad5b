package io.casty.spring.boot.autoconfigure.entity;

/**
 * One entity type exposed as an {@code EntityRef} bean.
 *
 * @param type the shard type
 * @param shards its shard count
 * @param messageType the type of the messages its entities understand
 * @since 0.1.0
 */
public record CastyEntityDefinition(String type, int shards, Class<?> messageType) {

}
