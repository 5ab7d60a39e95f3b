package io.tandemcc.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.ResultQuery;

/**
 * A report query with named binds: {@code {name}} in the text becomes a {@code ?} bound to the
 * named value, as often as it occurs, so the long report queries read as SQL instead of a list of
 * positional values. Values are always bound, never spliced into the text.
 */
final class Sql {
  private static final Pattern NAME = Pattern.compile("\\{([a-zA-Z]+)}");

  private Sql() {}

  static ResultQuery<Record> query(DSLContext dsl, String template, Map<String, Object> values) {
    List<Object> binds = new ArrayList<>();
    Matcher m = NAME.matcher(template);
    StringBuilder sql = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      if (!values.containsKey(name)) {
        throw new IllegalArgumentException("no value for {" + name + "}");
      }
      Object value = values.get(name);
      binds.add(value);
      // jOOQ binds a time of plain SQL as text: say what it is
      m.appendReplacement(
          sql,
          value instanceof java.time.OffsetDateTime ? "cast(? as timestamp with time zone)" : "?");
    }
    m.appendTail(sql);
    return dsl.resultQuery(sql.toString(), binds.toArray());
  }

  /**
   * Makes PostgreSQL's date_trunc and interval arithmetic work in the tenant's zone for this
   * transaction.
   */
  static void useZone(DSLContext dsl, String zone) {
    dsl.resultQuery("select set_config('TimeZone', ?, true)", zone).fetch();
  }
}
