package io.tandemcc.report;

import java.util.List;
import org.jooq.DSLContext;

/** One kind of report: its columns, and its rows for a page of subjects, streamed into a sink. */
interface Report {
  /** Agents or groups: what the rows are per (and what is paged). */
  boolean perGroup(ReportRequest request);

  List<String> columns(DSLContext dsl, ReportRequest request);

  /**
   * Runs inside a transaction whose TimeZone is the tenant's (local days and hours come from
   * PostgreSQL).
   */
  void rows(
      DSLContext dsl,
      ReportRequest request,
      List<String> columns,
      List<Subject> subjects,
      RowSink sink);
}
