package io.tandemcc.pbx.ami;

import io.tandemcc.pbx.AgentEndpoint;
import io.tandemcc.pbx.QueueRef;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Asterisk's spelling of our names: {@code PJSIP/acme-1001} interfaces and {@code
 * PJSIP/acme-1001-0000002a} channels.
 */
final class AmiNames {
  private static final String TECH = "PJSIP/";

  /** Asterisk appends a per-channel sequence of 8 hex digits to the endpoint name. */
  private static final Pattern CHANNEL_SUFFIX = Pattern.compile("-[0-9a-f]{8}$");

  private AmiNames() {}

  /**
   * {@code PJSIP/acme-1001} → acme/1001; empty for other technologies and names without a tenant
   * prefix.
   */
  static Optional<AgentEndpoint> endpointOfInterface(String iface) {
    if (iface == null || !iface.startsWith(TECH)) {
      return Optional.empty();
    }
    return AgentEndpoint.parse(iface.substring(TECH.length()));
  }

  /**
   * {@code PJSIP/acme-1001-00000001} → acme/1001; empty for trunks ({@code PJSIP/pstn-…}), Local
   * channels etc.
   */
  static Optional<AgentEndpoint> endpointOfChannel(String channel) {
    if (channel == null || !channel.startsWith(TECH)) {
      return Optional.empty();
    }
    var suffix = CHANNEL_SUFFIX.matcher(channel);
    if (!suffix.find()) {
      return Optional.empty();
    }
    return AgentEndpoint.parse(channel.substring(TECH.length(), suffix.start()));
  }

  static String interfaceOf(AgentEndpoint agent) {
    return TECH + agent.endpointName();
  }

  /** The dialplan context the tenant's agents dial from, e.g. {@code acme-agents}. */
  static String agentsContext(String tenant) {
    return io.tandemcc.pbx.provisioning.PbxNames.agentsContext(tenant);
  }

  /** The context whose extensions are the tenant's queues, e.g. {@code acme-queue-entry}. */
  static String queueEntryContext(String tenant) {
    return io.tandemcc.pbx.provisioning.PbxNames.queueEntryContext(tenant);
  }

  /**
   * A Caller ID {@code "name" <number>}. The name loses {@code "}, {@code <} and {@code >}, which
   * would end the quoted name or start another number; control characters are left for {@link
   * ActionGuard} to refuse.
   */
  static String callerId(String name, String number) {
    return "\"" + name.replaceAll("[\"<>]", "") + "\" <" + number + ">";
  }

  /**
   * The value of the {@code Call-Info} header that asks a webphone to answer by itself. A Call-Info
   * needs a URI (RFC 3261 20.9): without one (the former {@code ;answer-after=0}) jain-sip refused
   * Asterisk's whole INVITE (issue 15). This form was verified against a real Asterisk 22 and the
   * webphone's auto-answer.
   */
  static final String AUTO_ANSWER_CALL_INFO = "<sip:127.0.0.1>;answer-after=0";

  static final String ADD_CALL_INFO = "PJSIP_HEADER(add,Call-Info)";

  static Optional<QueueRef> queue(String queueName) {
    return QueueRef.parse(queueName);
  }
}
