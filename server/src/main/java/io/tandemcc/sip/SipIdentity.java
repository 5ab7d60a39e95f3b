package io.tandemcc.sip;

/**
 * The only identity a SIP connection may use: the user who redeemed the ticket, an agent or a
 * supervisor with a phone of their own. Its PJSIP endpoint (and SIP user) is {@code <tenant
 * domain>-<extension>}, e.g. {@code acme-1001}: the PBX naming convention of {@code
 * pbx.AgentEndpoint}.
 *
 * @param agentId the agent, or null for a supervisor's or admin's own phone
 */
public record SipIdentity(
    long tenantId,
    String domain,
    long userId,
    Long agentId,
    long sessionId,
    String extension,
    String displayName) {

  /** The PJSIP endpoint and AOR user, {@code <domain>-<extension>}. */
  public String endpoint() {
    return io.tandemcc.pbx.AgentEndpoint.nameOf(domain, extension);
  }

  /** For log lines: tenant, agent and endpoint; never the display name. */
  String logContext() {
    return "tenant="
        + domain
        + (agentId == null ? " user=" + userId : " agent=" + agentId)
        + " endpoint="
        + endpoint();
  }

  @Override
  public String toString() {
    return "SipIdentity[" + logContext() + "]";
  }
}
