package io.tandemcc.db;

/**
 * The database is known to be down ({@link DatabaseHealth}): the query was not even tried, so a
 * request fails at once instead of waiting for the pool's connection timeout. The API answers it
 * with 503 {@code database-unavailable}.
 */
public final class DatabaseUnavailableException extends RuntimeException {
  public DatabaseUnavailableException(String message) {
    super(message, null, false, false);
  }
}
