package io.tandemcc.admin;

import io.tandemcc.common.InvalidFields;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A group body of /api/admin/groups, checked field by field; for a PATCH a null member means "not
 * given".
 */
record GroupInput(
    String name,
    String strategy,
    Integer ringTimeoutSeconds,
    Integer serviceLevelSeconds,
    Boolean alwaysRecord,
    List<AdminGroup.Member> members,
    List<Long> supervisors) {

  static final Set<String> STRATEGIES =
      Set.of("ringall", "leastrecent", "fewestcalls", "random", "rrmemory", "linear", "wrandom");
  private static final Set<String> FIELDS =
      Set.of(
          "id",
          "name",
          "queueName",
          "strategy",
          "ringTimeoutSeconds",
          "serviceLevelSeconds",
          "alwaysRecord",
          "members",
          "supervisors");
  static final int MAX_NAME = 100;

  static GroupInput parse(JsonObject body, boolean create) {
    InvalidFields.Builder errors = InvalidFields.builder();
    Fields f = new Fields(body, "", errors);
    f.onlyKnown(FIELDS);
    if (body.containsKey("queueName")) {
      errors.add("queueName", "is generated from the name and cannot be set");
    }
    String name = f.text("name", MAX_NAME, create);
    String strategy = f.oneOf("strategy", STRATEGIES, false);
    Integer ring = f.integer("ringTimeoutSeconds", 5, 300, false);
    Integer sl = f.integer("serviceLevelSeconds", 1, 3600, false);
    Boolean record = f.bool("alwaysRecord", false);
    List<AdminGroup.Member> members = null;
    JsonArray list = f.array("members", 10_000);
    if (list != null) {
      members = new ArrayList<>();
      Set<Long> seen = new HashSet<>();
      for (int i = 0; i < list.size(); i++) {
        String field = "members[" + i + "]";
        if (!(list.getValue(i) instanceof JsonObject m)) {
          errors.add(field, "must be an object {agentId, penalty}");
          continue;
        }
        Long agent = Fields.id(m.getValue("agentId"));
        Integer penalty =
            m.getValue("penalty") == null
                ? Integer.valueOf(0)
                : new Fields(m, field + ".", errors).integer("penalty", 0, 100, false);
        if (agent == null) {
          errors.add(field + ".agentId", "must be the id of an agent");
        } else if (!seen.add(agent)) {
          errors.add(field + ".agentId", "names an agent twice");
        } else if (penalty != null) {
          members.add(new AdminGroup.Member(agent, penalty));
        }
      }
    }
    List<Long> supervisors = UserInput.ids(f, "supervisors", errors);
    errors.throwIfAny();
    return new GroupInput(name, strategy, ring, sl, record, members, supervisors);
  }
}
