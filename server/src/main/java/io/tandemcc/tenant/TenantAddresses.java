package io.tandemcc.tenant;

/** Event-bus addresses of the tenant domain (catalogue: docs/events.md). */
public final class TenantAddresses {
  /**
   * {@link RosterChanged}, published (no reply) after an administration change of users, agents or
   * groups.
   */
  public static final String ROSTER_CHANGED = "tenant.roster.changed";

  /**
   * {@link RosterChanged} again, once the PBX has the change (the provisioning run after it is
   * over, or provisioning is off): queue membership is compared with the groups then, when the PBX
   * knows a new queue.
   */
  public static final String ROSTER_APPLIED = "tenant.roster.applied";

  /**
   * The tenant's id (a {@code Long}), published (no reply) after an administrator changed the
   * tenant's settings: the owner of agent states reloads the wrap-up rules of the agents it holds.
   */
  public static final String SETTINGS_CHANGED = "tenant.settings.changed";

  private TenantAddresses() {}
}
