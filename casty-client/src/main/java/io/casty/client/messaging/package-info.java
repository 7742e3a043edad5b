/**
 * Request and reply: temporary {@code /_ask/<32 hex>} reply paths with their timeouts, and
 * the inbox that dispatches every inbound message by its target path.
 * <p>
 * Internal: wired by {@code ClientSession}; not API, may change without notice.
 */
@NullMarked
package io.casty.client.messaging;

import org.jspecify.annotations.NullMarked;
