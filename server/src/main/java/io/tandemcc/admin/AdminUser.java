package io.tandemcc.admin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** A user as /api/admin/users shows it (never its password hash). */
public record AdminUser(
    long id,
    String username,
    String displayName,
    String role,
    boolean enabled,
    boolean passwordChangeRequired,
    Agent agent,
    List<Long> supervises) {

  public record Agent(
      long id,
      String number,
      String extension,
      int wrapupSeconds,
      String afterCallWork,
      String workingWay,
      boolean staticMember,
      List<UserInput.Membership> groups) {}

  public JsonObject json() {
    JsonObject a = null;
    if (agent != null) {
      JsonArray groups = new JsonArray();
      agent
          .groups()
          .forEach(
              g -> groups.add(new JsonObject().put("id", g.groupId()).put("penalty", g.penalty())));
      a =
          new JsonObject()
              .put("id", agent.id())
              .put("number", agent.number())
              .put("extension", agent.extension())
              .put("wrapupSeconds", agent.wrapupSeconds())
              .put("afterCallWork", agent.afterCallWork())
              .put("workingWay", agent.workingWay())
              .put("staticMember", agent.staticMember())
              .put("groups", groups);
    }
    return new JsonObject()
        .put("id", id)
        .put("username", username)
        .put("displayName", displayName)
        .put("role", role)
        .put("enabled", enabled)
        .put("passwordChangeRequired", passwordChangeRequired)
        .put("agent", a)
        .put("supervises", new JsonArray(supervises));
  }
}
