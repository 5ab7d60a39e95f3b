package io.tandemcc.tenant;

/** Event-bus addresses of the tenant domain (catalogue: docs/events.md). */
public final class TenantAddresses {
  /** {@link RosterChanged}, published (no reply) after an administration change of users, agents or groups. */
  public static final String ROSTER_CHANGED = "tenant.roster.changed";

  private TenantAddresses() {}
}
