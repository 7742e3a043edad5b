package io.casty.client.protocol.messages;

import io.casty.client.CastyField;
import io.casty.client.CastyMessage;

/**
 * A cluster member's status.
 *
 * @since 0.1.0
 */
@CastyMessage("casty.cluster.state.MemberStatus")
public enum MemberStatus {

	@CastyField("joining")
	JOINING,

	@CastyField("up")
	UP,

	@CastyField("leaving")
	LEAVING,

	@CastyField("down")
	DOWN,

	@CastyField("removed")
	REMOVED

}
