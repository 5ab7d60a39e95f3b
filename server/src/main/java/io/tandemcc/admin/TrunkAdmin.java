package io.tandemcc.admin;

import static io.tandemcc.db.generated.Tables.TENANT_TRUNK;

import io.tandemcc.common.InvalidFields;
import io.tandemcc.db.Database;
import io.tandemcc.pbx.provisioning.TrunkConnection;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jooq.DSLContext;

/**
 * The tenant's trunk: its PJSIP endpoint name (which must carry the tenant's prefix {@code
 * <domain>-}, as the provisioning renderer requires), where it registers and the caller id agents
 * call out with. The password is write-only: never returned ({@code passwordSet} says whether one
 * is stored), never audited (only "changed"). After a change {@code provision} asks for a
 * provisioning run, which renders and reloads the PBX configuration.
 */
public final class TrunkAdmin {
  private static final Set<String> FIELDS =
      Set.of("name", "host", "port", "username", "password", "outboundCallerId");
  private static final Pattern NAME = Pattern.compile("[a-z0-9]+-[a-z0-9]([a-z0-9-]*[a-z0-9])?");
  private static final Pattern HOST =
      Pattern.compile(
          "([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._+-]{1,64}");
  private static final Pattern CALLER_ID = Pattern.compile("\\+?[0-9]{2,20}");
  private final Database db;
  private final AdminAudit audit;
  private final Consumer<String> provision;

  public TrunkAdmin(Database db, AdminAudit audit, Consumer<String> provision) {
    this.db = db;
    this.audit = audit;
    this.provision = provision;
  }

  public Future<JsonObject> get(long tenantId) {
    return db.query(dsl -> read(dsl, tenantId));
  }

  public Future<JsonObject> update(long tenantId, String domain, long actor, JsonObject body) {
    InvalidFields.Builder errors = InvalidFields.builder();
    ConfigFields f = new ConfigFields(body, errors);
    f.only(FIELDS);
    String name =
        f.text(
            "name",
            false,
            1,
            79,
            NAME,
            "must be " + domain + "-<name>: lower-case letters, digits, -");
    if (name != null && !name.startsWith(domain + "-")) {
      errors.add("name", "must start with the tenant's prefix " + domain + "-");
    }
    // null clears host, username, password and caller id (a trunk that needs no registration)
    String host =
        body.getValue("host") == null
            ? null
            : f.text("host", false, 1, 253, HOST, "must be a host name or IPv4 address");
    if (host != null) {
      TrunkConnection.hostProblem(host)
          .ifPresent(
              p ->
                  errors.add(
                      "host",
                      "must not be this machine (127.0.0.1, "
                          + "localhost): the agents' traffic comes from there"));
    }
    Integer port = f.integer("port", false, 1, 65535);
    String username =
        body.getValue("username") == null
            ? null
            : f.text("username", false, 1, 64, USERNAME, "may hold letters, digits and . _ + -");
    // checked where it enters and again where it leaves (the renderer): it goes into a pjsip.conf
    // line as it is
    String password =
        body.getValue("password") == null ? null : f.text("password", false, 1, 128, null, null);
    // the value as sent: a line break at either end is refused, not stripped away
    if (password != null
        && body.getValue("password") instanceof String raw
        && TrunkConnection.passwordProblem(raw).isPresent()) {
      errors.add(
          "password",
          "may hold only "
              + TrunkConnection.PASSWORD_ALPHABET
              + " (no spaces, line breaks, ; [ ] = \\ \" # $)");
    }
    String callerId =
        body.getValue("outboundCallerId") == null
            ? null
            : f.text(
                "outboundCallerId",
                false,
                2,
                21,
                CALLER_ID,
                "must be a number of 2 to 20 digits, + allowed first");
    errors.throwIfAny();
    return db.transaction(
            dsl -> {
              JsonObject before = read(dsl, tenantId);
              boolean exists = dsl.fetchExists(TENANT_TRUNK, TENANT_TRUNK.TENANT_ID.eq(tenantId));
              if (!exists && name == null) {
                InvalidFields.builder()
                    .add("name", "is required: the tenant has no trunk yet")
                    .throwIfAny();
              }
              if (!exists) {
                dsl.insertInto(TENANT_TRUNK)
                    .set(TENANT_TRUNK.TENANT_ID, tenantId)
                    .set(TENANT_TRUNK.ENDPOINT, name)
                    .execute();
              }
              var update =
                  dsl.update(TENANT_TRUNK)
                      .set(TENANT_TRUNK.ENDPOINT, name != null ? name : before.getString("name"));
              if (body.containsKey("host")) {
                update = update.set(TENANT_TRUNK.HOST, host);
              }
              if (port != null) {
                update = update.set(TENANT_TRUNK.PORT, port);
              }
              if (body.containsKey("username")) {
                update = update.set(TENANT_TRUNK.USERNAME, username);
              }
              if (body.containsKey("password")) {
                update = update.set(TENANT_TRUNK.PASSWORD, password);
              }
              if (body.containsKey("outboundCallerId")) {
                update = update.set(TENANT_TRUNK.CALLER_ID_NUMBER, callerId);
              }
              update.where(TENANT_TRUNK.TENANT_ID.eq(tenantId)).execute();
              JsonObject after = read(dsl, tenantId);
              // the audit sees only whether the password changed (AdminAudit redacts "password";
              // its value is never read)
              JsonObject auditAfter = after.copy();
              if (body.containsKey("password")) {
                auditAfter.put("password", "changed");
              }
              audit.insert(
                  dsl,
                  new AdminAudit.Change(
                      tenantId,
                      actor,
                      "trunk",
                      "",
                      exists ? "update" : "create",
                      exists ? before : null,
                      auditAfter));
              return after;
            })
        .onSuccess(t -> provision.accept("trunk of tenant " + tenantId + " changed"));
  }

  private static JsonObject read(DSLContext dsl, long tenantId) {
    var r = dsl.selectFrom(TENANT_TRUNK).where(TENANT_TRUNK.TENANT_ID.eq(tenantId)).fetchOne();
    if (r == null) {
      return new JsonObject()
          .put("name", null)
          .put("host", null)
          .put("port", null)
          .put("username", null)
          .put("outboundCallerId", null)
          .put("passwordSet", false);
    }
    return new JsonObject()
        .put("name", r.getEndpoint())
        .put("host", r.getHost())
        .put("port", r.getPort())
        .put("username", r.getUsername())
        .put("outboundCallerId", r.getCallerIdNumber())
        .put("passwordSet", r.getPassword() != null);
  }
}
