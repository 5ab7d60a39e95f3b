package io.tandemcc.db;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;

/**
 * Tells a failure that a retry may cure (the database is unreachable, restarting, overloaded, or a
 * transaction lost a race) from one that will fail again however often it is tried (a constraint, a
 * value too long, a bug). Write-behind retries the first kind for as long as it takes and sets the
 * second aside; the API answers the first with 503.
 */
public final class DbFailures {
  private DbFailures() {}

  /**
   * The database cannot be reached now: no connection, the server shutting down or starting, our
   * fail-fast.
   */
  public static boolean isUnavailable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof DatabaseUnavailableException
          || t instanceof SQLTransientConnectionException
          || t instanceof SQLRecoverableException
          || t instanceof java.net.ConnectException) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        // 08: connection exception; 57P01..03: admin/crash shutdown, cannot connect now; 53:
        // insufficient resources
        if (state.startsWith("08") || state.startsWith("57P") || state.startsWith("53")) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Worth retrying: the database is unavailable, or it gave up on the statement for a reason of its
   * own.
   */
  public static boolean isTransient(Throwable failure) {
    if (isUnavailable(failure)) {
      return true;
    }
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLTransientException) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        // 40001 serialization failure, 40P01 deadlock, 57014 statement timeout / cancelled, 55P03
        // lock not available
        if (state.equals("40001")
            || state.equals("40P01")
            || state.equals("57014")
            || state.equals("55P03")) {
          return true;
        }
      }
    }
    return false;
  }
}
