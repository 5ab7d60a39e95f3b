package io.tandemcc.pbx;

import java.util.Objects;

/** The checks every {@link PbxEvent} applies to its fields. */
final class EventFields {
  private EventFields() {}

  /** Absent text is the empty string: events never carry null text. */
  static String text(String value) {
    return value == null ? "" : value;
  }

  static String id(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("id must not be blank");
    }
    return value;
  }

  /** An event belongs to exactly one tenant: every name it carries must agree. */
  static void sameTenant(String tenant, String... others) {
    Objects.requireNonNull(tenant, "tenant");
    for (String other : others) {
      if (!tenant.equals(other)) {
        throw new IllegalArgumentException("tenant mismatch: " + tenant + " vs " + other);
      }
    }
  }
}
