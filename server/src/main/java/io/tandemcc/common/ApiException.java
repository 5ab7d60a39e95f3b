package io.tandemcc.common;

/**
 * A failure that reaches the client as an RFC 9457 problem: an HTTP status, a stable kebab-case
 * code that clients can switch on, a short title and a sentence for the user.
 */
public class ApiException extends RuntimeException {
  private final int status;
  private final String code;
  private final String title;

  public ApiException(int status, String code, String title, String detail) {
    super(detail, null, false, false);
    this.status = status;
    this.code = code;
    this.title = title;
  }

  public static ApiException badRequest(String code, String detail) {
    return new ApiException(400, code, "Invalid request", detail);
  }

  public static ApiException invalid(String detail) {
    return badRequest("invalid-request", detail);
  }

  public static ApiException unauthorized(String code, String detail) {
    return new ApiException(401, code, "Not authenticated", detail);
  }

  public static ApiException forbidden(String detail) {
    return new ApiException(403, "forbidden", "Not allowed", detail);
  }

  public static ApiException notFound(String detail) {
    return new ApiException(404, "not-found", "Not found", detail);
  }

  /**
   * 503 {@code database-unavailable}: the request needs the database, which does not answer now
   * (issue 15). The client may try again in a few seconds.
   */
  public static ApiException databaseUnavailable() {
    return new ApiException(
        503,
        "database-unavailable",
        "Temporarily unavailable",
        "The server cannot reach its database right now. Try again in a few seconds.");
  }

  public static ApiException conflict(String code, String detail) {
    return new ApiException(409, code, "Not possible now", detail);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String title() {
    return title;
  }

  public String detail() {
    return getMessage();
  }
}
