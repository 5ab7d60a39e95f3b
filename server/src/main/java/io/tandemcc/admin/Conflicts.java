package io.tandemcc.admin;

import io.tandemcc.common.ApiException;
import java.util.Map;
import org.jooq.exception.DataAccessException;

/**
 * Unique constraints as the 409 problems of the contract: the checks before a write give the clear
 * answer, and a concurrent request that slips between check and write is still refused by the
 * database with the same problem.
 */
final class Conflicts {
  private static final Map<String, ApiException> BY_CONSTRAINT =
      Map.of(
          "app_user_username_uk", usernameTaken(),
          "agent_number_uk", agentNumberTaken(),
          "agent_extension_uk", extensionTaken(),
          "extension_number_uk",
              ApiException.conflict("extension-taken", "This extension number exists already."),
          "agent_group_name_uk", groupNameTaken(),
          "agent_group_queue_uk", groupNameTaken());

  private Conflicts() {}

  /** The problem for a unique violation, or the exception itself. */
  static RuntimeException map(RuntimeException e) {
    if (e instanceof DataAccessException d
        && "23505".equals(d.sqlState())
        && d.getMessage() != null) {
      for (var entry : BY_CONSTRAINT.entrySet()) {
        if (d.getMessage().contains(entry.getKey())) {
          return entry.getValue();
        }
      }
    }
    return e;
  }

  static ApiException usernameTaken() {
    return ApiException.conflict("username-taken", "Another user of the tenant has this username.");
  }

  static ApiException agentNumberTaken() {
    return ApiException.conflict(
        "agent-number-taken", "Another agent of the tenant has this agent number.");
  }

  static ApiException extensionTaken() {
    return ApiException.conflict(
        "extension-taken", "Another agent or phone of the tenant has this extension.");
  }

  static ApiException groupNameTaken() {
    return ApiException.conflict("group-name-taken", "Another group of the tenant has this name.");
  }
}
