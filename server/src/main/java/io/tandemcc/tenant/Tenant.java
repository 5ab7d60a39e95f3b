package io.tandemcc.tenant;

/** A customer organisation; its {@code domain} is what users type at login. */
public record Tenant(
    long id, String domain, String name, boolean allowEndWrapupEarly, TenantStatus status) {
  /**
   * The reserved tenant of the system users (db/migration V12): never listed, suspended or deleted.
   */
  public static final String SYSTEM_DOMAIN = "system";

  public boolean active() {
    return status == TenantStatus.ACTIVE;
  }
}
