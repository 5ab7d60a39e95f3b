package io.tandemcc.sip;

/**
 * The only identity a SIP connection may use: the agent who redeemed the ticket. Its PJSIP endpoint (and SIP user)
 * is {@code <tenant domain>-<extension>}, e.g. {@code acme-1001}: the PBX naming convention of
 * {@code pbx.AgentEndpoint}.
 */
public record SipIdentity(
    long tenantId, String domain, long userId, long agentId, long sessionId, String extension, String displayName) {

  /** The PJSIP endpoint and AOR user, {@code <domain>-<extension>}. */
  public String endpoint() {
    return domain + "-" + extension;
  }

  /** For log lines: tenant, agent and endpoint; never the display name. */
  String logContext() {
    return "tenant=" + domain + " agent=" + agentId + " endpoint=" + endpoint();
  }

  @Override
  public String toString() {
    return "SipIdentity[" + logContext() + "]";
  }
}
