package io.tandemcc.admin;

import io.tandemcc.common.InvalidFields;
import io.tandemcc.tenant.TenantRules;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A user body of /api/admin/users, checked field by field (every wrong field reported at once, with
 * JSON names such as {@code agent.extension}). For a PATCH a null member means "not given". The
 * role {@code system} is not among the accepted roles: system users belong to the reserved tenant
 * only (V12's trigger refuses them too).
 */
record UserInput(
    String username,
    String displayName,
    String role,
    Boolean enabled,
    String password,
    Boolean passwordChangeRequired,
    boolean agentGiven,
    AgentInput agent,
    List<Long> supervises) {

  record AgentInput(
      String number,
      String extension,
      Integer wrapupSeconds,
      String afterCallWork,
      String workingWay,
      Boolean staticMember,
      List<Membership> groups) {}

  record Membership(long groupId, int penalty) {}

  static final Set<String> ROLES = Set.of("admin", "supervisor", "agent");
  static final Set<String> ACW = Set.of("after_ring", "after_answer", "off");
  static final Set<String> WAYS = Set.of("inbound", "outbound", "both");
  private static final Set<String> USER_FIELDS =
      Set.of(
          "username",
          "displayName",
          "role",
          "enabled",
          "password",
          "passwordChangeRequired",
          "agent",
          "supervises",
          "id");
  private static final Set<String> AGENT_FIELDS =
      Set.of(
          "number",
          "extension",
          "wrapupSeconds",
          "afterCallWork",
          "workingWay",
          "staticMember",
          "groups",
          "id");
  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
  static final Pattern EXTENSION = Pattern.compile("[0-9]{2,8}");
  private static final Pattern AGENT_NUMBER = Pattern.compile("[0-9]{1,16}");
  static final int MAX_LIST = 500;

  static UserInput parse(JsonObject body, boolean create) {
    InvalidFields.Builder errors = InvalidFields.builder();
    Fields f = new Fields(body, "", errors);
    f.onlyKnown(USER_FIELDS);
    String username =
        f.matching(
            "username",
            USERNAME,
            "must be 1 to 64 letters, digits or . _ @ - (no spaces)",
            64,
            create);
    String displayName = f.text("displayName", TenantRules.MAX_NAME, create);
    String role = f.oneOf("role", ROLES, create);
    Boolean enabled = f.bool("enabled", false);
    // the user must choose their own password at the next sign-in (set with a new or reset
    // password, or alone)
    Boolean passwordChangeRequired = f.bool("passwordChangeRequired", false);
    String password = null;
    if (f.present("password")) {
      Object p = body.getValue("password");
      if (!(p instanceof String s)) {
        errors.add("password", "must be a string");
      } else if (s.length() < TenantRules.MIN_PASSWORD) {
        errors.add("password", "must be at least " + TenantRules.MIN_PASSWORD + " characters");
      } else if (s.length() > TenantRules.MAX_PASSWORD) {
        errors.add("password", "must be at most " + TenantRules.MAX_PASSWORD + " characters");
      } else {
        password = s;
      }
    } else if (create) {
      errors.add("password", "is required");
    }
    boolean agentGiven = f.present("agent");
    AgentInput agent = null;
    Object a = body.getValue("agent");
    if (a instanceof JsonObject object) {
      agent = agent(new Fields(object, "agent.", errors), create);
    } else if (a != null) {
      errors.add("agent", "must be an object or null");
    }
    if (create && role != null && "agent".equals(role) != (agent != null) && !errors.has("agent")) {
      errors.add(
          "agent",
          "agent".equals(role)
              ? "is required for the role agent"
              : "must be null unless the role is agent");
    }
    List<Long> supervises = ids(f, "supervises", errors);
    if (create && "agent".equals(role) && supervises != null && !supervises.isEmpty()) {
      errors.add("supervises", "only supervisors and admins supervise groups");
    }
    errors.throwIfAny();
    return new UserInput(
        username,
        displayName,
        role,
        enabled,
        password,
        passwordChangeRequired,
        agentGiven,
        agent,
        supervises);
  }

  private static AgentInput agent(Fields f, boolean create) {
    f.onlyKnown(AGENT_FIELDS);
    String number = f.matching("number", AGENT_NUMBER, "must be 1 to 16 digits", 16, create);
    String extension =
        f.matching("extension", EXTENSION, "must be a number of 2 to 8 digits", 8, create);
    Integer wrapup = f.integer("wrapupSeconds", 0, 3600, false);
    String acw = f.oneOf("afterCallWork", ACW, false);
    String way = f.oneOf("workingWay", WAYS, false);
    Boolean staticMember = f.bool("staticMember", false);
    List<Membership> groups = null;
    JsonArray list = f.array("groups", MAX_LIST);
    if (list != null) {
      groups = new ArrayList<>();
      Set<Long> seen = new HashSet<>();
      for (int i = 0; i < list.size(); i++) {
        String name = "agent.groups[" + i + "]";
        if (!(list.getValue(i) instanceof JsonObject g)) {
          f.errors.add(name, "must be an object {id, penalty}");
          continue;
        }
        Long id = Fields.id(g.getValue("id"));
        Fields gf = new Fields(g, name + ".", f.errors);
        Integer penalty =
            g.getValue("penalty") == null
                ? Integer.valueOf(0)
                : gf.integer("penalty", 0, 100, false);
        if (id == null) {
          f.errors.add(name + ".id", "must be the id of a group");
        } else if (!seen.add(id)) {
          f.errors.add(name + ".id", "names a group twice");
        } else if (penalty != null) {
          groups.add(new Membership(id, penalty));
        }
      }
    }
    return new AgentInput(number, extension, wrapup, acw, way, staticMember, groups);
  }

  static List<Long> ids(Fields f, String field, InvalidFields.Builder errors) {
    JsonArray list = f.array(field, MAX_LIST);
    if (list == null) {
      return null;
    }
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      Long id = Fields.id(list.getValue(i));
      if (id == null) {
        errors.add(f.name(field) + "[" + i + "]", "must be an id");
      } else if (!ids.contains(id)) {
        ids.add(id);
      }
    }
    return ids;
  }

  @Override
  public String toString() {
    return "UserInput[" + username + ", " + role + "]"; // never the password
  }
}
