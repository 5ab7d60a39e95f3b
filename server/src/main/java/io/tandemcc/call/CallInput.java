package io.tandemcc.call;

import io.tandemcc.pbx.PbxEvent;

/**
 * What the {@link CallTracker} steps on: a PBX event or a request, with what the verticle looked up
 * for it (the tenant, the agent and the tenant's call settings), so that the step itself needs no
 * I/O.
 */
sealed interface CallInput {
  /** A PBX event about an agent's leg; its agent and tenant settings are known. */
  record OfAgent(PbxEvent.TenantEvent event, CallDirectory.AgentInfo agent, CallSettings settings)
      implements CallInput {}

  /** A PBX event about a call of a tenant (no agent leg named). */
  record OfTenant(PbxEvent.TenantEvent event, long tenantId) implements CallInput {}

  /** A click-to-dial call the server originated for the agent. */
  record Originated(CallOriginated originated, CallDirectory.AgentInfo agent, CallSettings settings)
      implements CallInput {}

  /** The agent asked to consult (an agent, or {@code number}). */
  record ConsultAsked(ConsultRequest request) implements CallInput {}

  /** A recording was asked of the PBX into a file. */
  record RecordingAsked(RecordingRequest request) implements CallInput {}

  /**
   * A correction found when a PBX link came up ({@link CallResync}); {@code settings}: the leg's
   * tenant's, for a {@link CallResync.Bring}, else null. An {@link CallResync.End} tells the agent
   * only: its leg's end is the verticle's to hand to the conference first ({@link
   * CallTracker#legEnded}).
   */
  record Resynced(CallResync.Step step, CallSettings settings) implements CallInput {}
}
