package io.tandemcc.admin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** A group (and its PBX queue) as /api/admin/groups shows it. */
public record AdminGroup(
    long id,
    String name,
    String queueName,
    String strategy,
    int ringTimeoutSeconds,
    int serviceLevelSeconds,
    boolean alwaysRecord,
    List<Member> members,
    List<Long> supervisors) {

  public record Member(long agentId, int penalty) {}

  public JsonObject json() {
    JsonArray m = new JsonArray();
    members.forEach(
        x -> m.add(new JsonObject().put("agentId", x.agentId()).put("penalty", x.penalty())));
    return new JsonObject()
        .put("id", id)
        .put("name", name)
        .put("queueName", queueName)
        .put("strategy", strategy)
        .put("ringTimeoutSeconds", ringTimeoutSeconds)
        .put("serviceLevelSeconds", serviceLevelSeconds)
        .put("alwaysRecord", alwaysRecord)
        .put("members", m)
        .put("supervisors", new JsonArray(supervisors));
  }
}
