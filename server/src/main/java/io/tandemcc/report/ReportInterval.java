package io.tandemcc.report;

import io.tandemcc.common.ApiException;
import java.util.Locale;

/** How a report cuts its period: local hours, local days, or the whole period as one row. */
public enum ReportInterval {
  HOUR("hour"),
  DAY("day"),
  PERIOD(null);

  /**
   * The unit of PostgreSQL's date_trunc and of the step between intervals, or null for the whole
   * period.
   */
  final String unit;

  ReportInterval(String unit) {
    this.unit = unit;
  }

  public static ReportInterval parse(String raw, ReportInterval fallback) {
    if (raw == null || raw.isEmpty()) {
      return fallback;
    }
    try {
      return valueOf(raw.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("invalid-interval", "'interval' must be hour, day or period.");
    }
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
