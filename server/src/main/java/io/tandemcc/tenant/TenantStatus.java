package io.tandemcc.tenant;

import java.util.Locale;

/** Whether a tenant's users may sign in (db/migration V12). */
public enum TenantStatus {
  /** In service. */
  ACTIVE,
  /** Nobody of it can sign in and its sessions were ended; it can be resumed. */
  SUSPENDED,
  /**
   * Soft-deleted for good: hidden, its users cannot sign in, its records stay and its domain stays
   * taken.
   */
  DELETED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static TenantStatus fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
