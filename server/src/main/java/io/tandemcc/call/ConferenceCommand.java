package io.tandemcc.call;

/**
 * An agent's request about the conference of its current call, answered with {@link
 * ConferenceReply}.
 *
 * @param domain the agent's tenant's domain (its PBX names start with it)
 * @param targetAgentId for {@link Action#ADD}: the agent to add, or null
 * @param targetNumber for {@link Action#ADD}: the number to add, or null
 * @param partyId for {@link Action#DROP}
 */
public record ConferenceCommand(
    long tenantId,
    String domain,
    long agentId,
    Action action,
    Long targetAgentId,
    String targetNumber,
    String partyId) {

  /** VIEW: the conference as the agent sees it (a reloaded page asks), changing nothing. */
  public enum Action {
    ADD,
    DROP,
    END,
    FROM_CONSULT,
    VIEW
  }
}
