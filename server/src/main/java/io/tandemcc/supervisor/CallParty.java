package io.tandemcc.supervisor;

/**
 * Who an agent's call is with and through which queue, as the PBX announced the call: the caller of
 * a queue or direct call, or the number an agent dialled. Shown while that call is the agent's
 * current call.
 *
 * @param queue the PBX queue name, or null for a call that did not come through a queue
 */
record CallParty(String callId, String queue, String number, String name) {}
