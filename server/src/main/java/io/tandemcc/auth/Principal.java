package io.tandemcc.auth;

import io.tandemcc.tenant.Role;

/**
 * Who is calling, as proven by a valid access token: the tenant is part of every principal, and
 * every lookup made for it is scoped to that tenant.
 */
public record Principal(
    long tenantId, String domain, long userId, Role role, Long agentId, long sessionId) {

  public boolean isAgent() {
    return agentId != null;
  }
}
