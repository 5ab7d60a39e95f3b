package io.tandemcc.report;

import java.util.List;

/**
 * Receives a report's rows in order. A CSV export writes each one out as it comes (and may block
 * the report's worker thread until the client has taken the previous chunk); a JSON page collects
 * them.
 */
public interface RowSink {
  /** The column names, once, before the first row. */
  void columns(List<String> names);

  /**
   * One row, its cells in the order of {@link #columns}. Cells are String, Number, Instant,
   * LocalDate or null.
   */
  void row(List<Object> cells);
}
