package io.tandemcc.call;

/**
 * A consultation in progress as the consulting agent sees it: whom it consults and whether the
 * target answered.
 *
 * @param agentId the consulted agent of the tenant, or null for an outside number
 * @param displayName the consulted agent's name, or null for a number
 * @param number the dialled number, or null for an agent
 * @param state {@code ringing} or {@code talking}
 */
public record ConsultView(Long agentId, String displayName, String number, String state) {
  public static final String RINGING = "ringing";
  public static final String TALKING = "talking";

  ConsultView answered() {
    return new ConsultView(agentId, displayName, number, TALKING);
  }
}
