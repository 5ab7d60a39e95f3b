package io.tandemcc.tenant;

/** A wrong edge for LayerArchitectureTest only: tenants reaching up into agent state. */
public final class ArchProbeTenantToAgent {
  public io.tandemcc.agent.AgentStatus status;
}
