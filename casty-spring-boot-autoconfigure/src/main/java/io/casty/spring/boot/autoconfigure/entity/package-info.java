/**
 * Entity references as beans: the {@link io.casty.spring.boot.autoconfigure.entity.CastyEntity}
 * annotation applications put on message interfaces, and the registrar that turns each
 * declared entity type into an injectable {@code EntityRef<M>} bean.
 */
@NullMarked
package io.casty.spring.boot.autoconfigure.entity;

import org.jspecify.annotations.NullMarked;
