package io.tandemcc.tenant;

/** An agent as colleagues see it in the directory: who, and which extension to dial. */
public record AgentListing(long agentId, String displayName, String extension) {}
