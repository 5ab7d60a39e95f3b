package io.tandemcc.tenant;

/**
 * A user as login sees it: identity, role, tenant, and for agents their agent number and extension.
 * {@code passwordHash} never leaves the server.
 */
public record UserAccount(
    long id,
    Tenant tenant,
    String username,
    String displayName,
    Role role,
    String passwordHash,
    boolean enabled,
    AgentIdentity agent,
    boolean passwordChangeRequired) {

  /** The agent side of a user (null for users who are not agents). */
  public record AgentIdentity(long agentId, String number, String extension) {}

  @Override
  public String toString() {
    return "UserAccount[id="
        + id
        + ", tenant="
        + tenant.domain()
        + ", username="
        + username
        + ", role="
        + role
        + "]";
  }
}
