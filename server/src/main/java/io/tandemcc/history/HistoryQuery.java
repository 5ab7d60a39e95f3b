package io.tandemcc.history;

import io.tandemcc.common.ApiException;
import io.vertx.core.json.JsonArray;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One call-history list request, read from query parameters and checked: the period ({@code
 * from}/{@code to} as dates in the tenant's time zone, {@code to} included, or as instants; at most
 * a year), the filters, the page size and the keyset cursor. Names (agent, queue, disposition, data
 * key) are checked against the tenant later ({@link CallHistory}).
 */
public record HistoryQuery(
    Instant from,
    Instant to,
    Long agentId,
    String queue,
    String direction,
    String outcome,
    String disposition,
    String caller,
    String dataKey,
    String dataValue,
    int limit,
    Cursor after,
    boolean ascending) {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 200;

  /** Without a period: the last seven days, today included. */
  static final int DEFAULT_DAYS = 7;

  public static final Set<String> DIRECTIONS =
      Set.of("inbound", "outbound", "internal", "click_to_dial");
  public static final Set<String> OUTCOMES =
      Set.of("answered", "abandoned", "missed", "transferred");
  private static final Pattern CALLER = Pattern.compile("[0-9+*#]{1,64}");
  private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

  /** The last item of the page before: its start and record id. */
  public record Cursor(Instant startedAt, long id) {
    public String encode() {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(
              new JsonArray()
                  .add(startedAt.toString())
                  .add(id)
                  .encode()
                  .getBytes(StandardCharsets.UTF_8));
    }

    static Cursor decode(String s) {
      try {
        JsonArray a =
            new JsonArray(new String(Base64.getUrlDecoder().decode(s), StandardCharsets.UTF_8));
        return new Cursor(Instant.parse(a.getString(0)), a.getLong(1));
      } catch (RuntimeException e) {
        throw ApiException.badRequest(
            "invalid-cursor", "The parameter 'after' must be the 'next' of a previous page.");
      }
    }
  }

  /**
   * @param param the request's value of a query parameter, or null
   * @param zone the tenant's time zone: dates and local times are read in it
   * @param now what "today" is
   */
  public static HistoryQuery parse(Function<String, String> param, ZoneId zone, Instant now) {
    String rawFrom = text(param, "from");
    String rawTo = text(param, "to");
    Instant to = rawTo == null ? null : instant(rawTo, "to", zone, true);
    Instant from = rawFrom == null ? null : instant(rawFrom, "from", zone, false);
    if (to == null) {
      to =
          from == null
              ? LocalDate.ofInstant(now, zone).plusDays(1).atStartOfDay(zone).toInstant()
              : from.atZone(zone).plusDays(DEFAULT_DAYS).toInstant();
    }
    if (from == null) {
      from = to.atZone(zone).minusDays(DEFAULT_DAYS).toInstant();
    }
    if (!from.isBefore(to)) {
      throw ApiException.badRequest(
          "invalid-period", "The period must end after it starts ('from' before 'to').");
    }
    if (to.isAfter(from.atZone(zone).plusYears(1).toInstant())) {
      throw ApiException.badRequest(
          "period-too-long", "The period is longer than a year; ask for a shorter one.");
    }
    Long agent = null;
    String rawAgent = text(param, "agent");
    if (rawAgent != null) {
      try {
        agent = Long.parseLong(rawAgent);
      } catch (NumberFormatException e) {
        throw ApiException.badRequest(
            "unknown-agent", "The parameter 'agent' must be an agent's id.");
      }
    }
    String direction = oneOf(param, "direction", DIRECTIONS);
    String outcome = oneOf(param, "outcome", OUTCOMES);
    String disposition = text(param, "disposition");
    if (disposition != null && !CODE.matcher(disposition).matches()) {
      throw ApiException.badRequest(
          "unknown-disposition", "The parameter 'disposition' must be a disposition code.");
    }
    String caller = text(param, "caller");
    if (caller != null && !CALLER.matcher(caller).matches()) {
      throw ApiException.invalid(
          "The parameter 'caller' must be (the start of) a number: digits, +, * and #.");
    }
    String dataKey = text(param, "dataKey");
    String dataValue = param.apply("dataValue");
    if ((dataKey == null) != (dataValue == null || dataValue.isEmpty())) {
      throw ApiException.invalid(
          "Give both 'dataKey' and 'dataValue' to filter by attached data, or neither.");
    }
    if (dataValue != null && dataValue.length() > 1024) {
      throw ApiException.invalid("The parameter 'dataValue' is longer than 1024 characters.");
    }
    String queue = text(param, "queue");
    if (queue != null && queue.length() > 128) {
      throw ApiException.badRequest("unknown-queue", "There is no such queue.");
    }
    String after = text(param, "after");
    String sort = text(param, "sort");
    if (sort != null && !sort.equals("startedAt") && !sort.equals("-startedAt")) {
      throw ApiException.invalid(
          "The parameter 'sort' must be 'startedAt' (oldest first) or '-startedAt'.");
    }
    return new HistoryQuery(
        from,
        to,
        agent,
        queue,
        direction,
        outcome,
        disposition,
        caller,
        dataKey,
        dataKey == null ? null : dataValue,
        limit(text(param, "limit")),
        after == null ? null : Cursor.decode(after),
        "startedAt".equals(sort));
  }

  /**
   * A date (the start of that day; for {@code to} the start of the next, so the day is included), a
   * local date and time in the tenant's zone, or an instant with its offset.
   */
  private static Instant instant(String raw, String name, ZoneId zone, boolean end) {
    try {
      if (raw.length() == 10) {
        LocalDate day = LocalDate.parse(raw);
        return (end ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
      }
      if (raw.endsWith("Z") || raw.matches(".*[+-][0-9]{2}:[0-9]{2}$")) {
        return OffsetDateTime.parse(raw).toInstant();
      }
      return LocalDateTime.parse(raw).atZone(zone).toInstant();
    } catch (DateTimeException e) {
      throw ApiException.badRequest(
          "invalid-date",
          "The parameter '"
              + name
              + "' must be a date (2026-03-31), a local time (2026-03-31T08:00) or an instant (2026-03-31T06:00:00Z).");
    }
  }

  private static String oneOf(Function<String, String> param, String name, Set<String> allowed) {
    String v = text(param, name);
    if (v == null) {
      return null;
    }
    String normalized = v.toLowerCase(Locale.ROOT).replace('-', '_');
    if (!allowed.contains(normalized)) {
      throw ApiException.invalid(
          "The parameter '"
              + name
              + "' must be one of "
              + String.join(", ", allowed.stream().sorted().toList())
              + ".");
    }
    return normalized;
  }

  private static int limit(String raw) {
    if (raw == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int n = Integer.parseInt(raw);
      if (n >= 1 && n <= MAX_LIMIT) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // the same answer as out of range
    }
    throw ApiException.invalid(
        "The parameter 'limit' must be a number from 1 to " + MAX_LIMIT + ".");
  }

  private static String text(Function<String, String> param, String name) {
    String v = param.apply(name);
    return v == null || v.isBlank() ? null : v.strip();
  }
}
