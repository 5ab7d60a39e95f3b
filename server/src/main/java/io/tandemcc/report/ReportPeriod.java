package io.tandemcc.report;

import io.tandemcc.common.ApiException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The days a report covers, {@code from} to {@code to} inclusive, in the tenant's time zone: it
 * starts at local midnight of {@code from} and ends at local midnight after {@code to} (so a day of
 * a DST change is 23 or 25 hours long). At most {@link #MAX_DAYS} days.
 */
public record ReportPeriod(LocalDate from, LocalDate to, ZoneId zone, ReportInterval interval) {
  public static final int MAX_DAYS = 366;

  public static ReportPeriod parse(
      String from, String to, String interval, ZoneId zone, ReportInterval fallback) {
    LocalDate f = date("from", from);
    LocalDate t = date("to", to);
    if (t.isBefore(f)) {
      throw ApiException.badRequest("invalid-period", "'to' must not be before 'from'.");
    }
    if (ChronoUnit.DAYS.between(f, t) + 1 > MAX_DAYS) {
      throw ApiException.badRequest(
          "period-too-long", "A report covers at most " + MAX_DAYS + " days.");
    }
    return new ReportPeriod(f, t, zone, ReportInterval.parse(interval, fallback));
  }

  private static LocalDate date(String name, String raw) {
    if (raw == null || raw.isEmpty()) {
      throw ApiException.badRequest(
          "invalid-date", "'" + name + "' is required (a date such as 2026-03-29).");
    }
    try {
      return LocalDate.parse(raw);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(
          "invalid-date", "'" + name + "' must be a date such as 2026-03-29.");
    }
  }

  public Instant start() {
    return from.atStartOfDay(zone).toInstant();
  }

  public Instant end() {
    return to.plusDays(1).atStartOfDay(zone).toInstant();
  }
}
