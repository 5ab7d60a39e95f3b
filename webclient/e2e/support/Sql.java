// Runs SQL statements against a PostgreSQL for browser tests that need rows no API writes (e.g. call records of
// yesterday): `java --class-path tandemcc-server.jar Sql.java <jdbc-url> <statement>...`, using the JDBC driver the
// server jar already carries. A statement starting with "select" prints its first column of its first row.
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

public class Sql {
  public static void main(String[] args) throws Exception {
    try (Connection c = DriverManager.getConnection(args[0]); Statement s = c.createStatement()) {
      for (int i = 1; i < args.length; i++) {
        if (args[i].trim().toLowerCase().startsWith("select")) {
          try (ResultSet r = s.executeQuery(args[i])) {
            System.out.println(r.next() ? r.getString(1) : "");
          }
        } else {
          s.execute(args[i]);
        }
      }
    }
  }
}
