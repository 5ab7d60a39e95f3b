package io.tandemcc.supervisor;

import io.tandemcc.common.ApiException;
import io.tandemcc.pbx.SpyMode;

/**
 * The outcome of a {@link MonitorCommand}: the mode the supervisor's call is in and whether it
 * still runs, or the refusal (a problem for the client) when it could not be done.
 */
public record MonitorReply(SpyMode mode, boolean active, ApiException refusal) {
  static MonitorReply refused(int status, String code, String detail) {
    return new MonitorReply(
        null, false, new ApiException(status, code, "Not possible now", detail));
  }
}
