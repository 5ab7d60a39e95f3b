package io.tandemcc.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The named values every report query binds (see {@link StateSpans} and {@link QueueReport}). */
final class Binds {
  private Binds() {}

  static Map<String, Object> of(ReportRequest request, List<Subject> subjects) {
    ReportPeriod period = request.period();
    Map<String, Object> values = new HashMap<>();
    values.put("tenant", request.tenantId());
    values.put("agents", subjects.stream().map(Subject::id).toArray(Long[]::new));
    values.put("start", period.start().atOffset(ZoneOffset.UTC));
    values.put("from", period.start().atOffset(ZoneOffset.UTC));
    values.put("zone", period.zone().getId());
    values.put("to", period.end().atOffset(ZoneOffset.UTC));
    Instant now = request.now();
    values.put("end", (now.isBefore(period.end()) ? now : period.end()).atOffset(ZoneOffset.UTC));
    ReportInterval interval = period.interval();
    values.put("unit", interval.unit == null ? "day" : interval.unit);
    values.put("step", "1 " + (interval.unit == null ? "day" : interval.unit));
    return values;
  }
}
