package io.tandemcc.config;

import io.tandemcc.config.AppConfig.DatabaseSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Accepts both {@code jdbc:postgresql://host:port/db} and the libpq form {@code
 * postgres://user:password@host:port/db}; credentials in the URL are moved out of it.
 */
final class DatabaseUrls {
  private DatabaseUrls() {}

  static DatabaseSettings parse(
      String url, Optional<String> user, Optional<String> password, List<String> errors) {
    if (url.startsWith("jdbc:postgresql:")) {
      return new DatabaseSettings(url, user.orElse(null), password.orElse(null));
    }
    if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
      try {
        URI uri = new URI(url);
        String userInfo = uri.getRawUserInfo();
        String urlUser = null;
        String urlPassword = null;
        if (userInfo != null) {
          int colon = userInfo.indexOf(':');
          urlUser = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
          urlPassword = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        }
        if (uri.getHost() == null) {
          errors.add("DATABASE_URL has no host");
          return null;
        }
        String port = uri.getPort() > 0 ? ":" + uri.getPort() : "";
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        String jdbc = "jdbc:postgresql://" + uri.getHost() + port + uri.getRawPath() + query;
        return new DatabaseSettings(jdbc, user.orElse(urlUser), password.orElse(urlPassword));
      } catch (URISyntaxException e) {
        errors.add("DATABASE_URL is not a valid URL: " + e.getReason());
        return null;
      }
    }
    errors.add("DATABASE_URL must start with jdbc:postgresql:// or postgres://");
    return null;
  }

  /**
   * The JDBC URL as it may be logged: scheme, host, port and database only. PostgreSQL's driver
   * takes a user and a password in the query ({@code ?user=…&password=…}) and some write {@code
   * user:password@host}: neither part is ever shown.
   */
  static String forLog(String jdbcUrl) {
    String url = jdbcUrl;
    int query = url.indexOf('?');
    if (query >= 0) {
      url = url.substring(0, query);
    }
    int hostStart = url.indexOf("//");
    int at = url.lastIndexOf('@');
    if (hostStart >= 0 && at > hostStart) {
      url = url.substring(0, hostStart + 2) + url.substring(at + 1);
    }
    return url;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
