/**
 * Helpers shared by the client's parts and not meant for users.
 */
@NullMarked
package io.casty.client.internal;

import org.jspecify.annotations.NullMarked;
