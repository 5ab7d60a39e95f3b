package io.tandemcc.admin;

import static io.tandemcc.db.generated.Tables.AGENT;
import static io.tandemcc.db.generated.Tables.APP_USER;

import io.tandemcc.common.ApiException;
import io.tandemcc.common.InvalidFields;
import io.tandemcc.common.Page;
import io.tandemcc.db.Database;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.jooq.DSLContext;

/**
 * The users and agents of a tenant for its admins: list, read, create, change, delete. Each change
 * is one transaction with its audit entry; its live effects ({@link LiveEffects}) follow the
 * commit.
 */
public final class Users {
  public static final int DEFAULT_PAGE = 50;
  public static final int MAX_PAGE = 200;

  private final Database db;
  private final UnaryOperator<String> hasher;
  private final AdminAudit audit;
  private final LiveEffects effects;
  private final Clock clock;

  public Users(
      Database db,
      UnaryOperator<String> hasher,
      AdminAudit audit,
      LiveEffects effects,
      Clock clock) {
    this.db = db;
    this.hasher = hasher;
    this.audit = audit;
    this.effects = effects;
    this.clock = clock;
  }

  /** Who asks: the admin's tenant and user id. */
  public record Actor(long tenantId, long userId) {}

  public Future<Page<AdminUser>> list(
      Actor actor, String q, String role, String sort, int limit, String after) {
    return db.query(dsl -> UserRepository.page(dsl, actor.tenantId(), q, role, sort, limit, after));
  }

  public Future<AdminUser> get(Actor actor, long id) {
    return db.query(
        dsl -> UserRepository.find(dsl, actor.tenantId(), id).orElseThrow(Users::notFound));
  }

  public Future<AdminUser> create(Actor actor, JsonObject body) {
    UserInput in = UserInput.parse(body, true);
    // the Argon2 hash is made first, off the transaction
    return db.blocking(() -> hasher.apply(in.password()))
        .compose(
            hash ->
                db.transaction(
                    dsl -> {
                      try {
                        return insert(dsl, actor, in, hash);
                      } catch (RuntimeException e) {
                        throw Conflicts.map(e);
                      }
                    }))
        .onSuccess(u -> effects.changed(actor.tenantId(), "user " + u.id() + " created"));
  }

  private AdminUser insert(DSLContext dsl, Actor actor, UserInput in, String hash) {
    long t = actor.tenantId();
    checkReferences(dsl, t, in);
    if (dsl.fetchExists(
        APP_USER, APP_USER.TENANT_ID.eq(t).and(APP_USER.USERNAME.eq(in.username())))) {
      throw Conflicts.usernameTaken();
    }
    long userId = UserRepository.insertUser(dsl, t, in, hash);
    if (in.agent() != null) {
      long agentId = insertAgent(dsl, t, userId, in.agent());
      UserRepository.replaceGroups(
          dsl, t, agentId, in.agent().groups() == null ? List.of() : in.agent().groups());
    }
    if (in.supervises() != null) {
      UserRepository.replaceSupervised(dsl, t, userId, in.supervises());
    }
    AdminUser created = UserRepository.find(dsl, t, userId).orElseThrow();
    audit.insert(
        dsl,
        new AdminAudit.Change(
            t,
            actor.userId(),
            "user",
            Long.toString(userId),
            "create",
            null,
            created.json().put("password", "set")));
    return created;
  }

  private static long insertAgent(DSLContext dsl, long t, long userId, UserInput.AgentInput a) {
    if (dsl.fetchExists(AGENT, AGENT.TENANT_ID.eq(t).and(AGENT.AGENT_NUMBER.eq(a.number())))) {
      throw Conflicts.agentNumberTaken();
    }
    long extension =
        UserRepository.freeExtension(dsl, t, a.extension(), null)
            .orElseThrow(Conflicts::extensionTaken);
    return UserRepository.insertAgent(dsl, t, userId, a, extension);
  }

  /**
   * Groups named by the body must be the tenant's: another tenant's group is a wrong field, as a
   * missing one.
   */
  private static void checkReferences(DSLContext dsl, long t, UserInput in) {
    InvalidFields.Builder errors = InvalidFields.builder();
    if (in.agent() != null && in.agent().groups() != null) {
      List<Long> ids = in.agent().groups().stream().map(UserInput.Membership::groupId).toList();
      List<Long> foreign = UserRepository.foreignGroups(dsl, t, ids);
      for (int i = 0; i < ids.size(); i++) {
        if (foreign.contains(ids.get(i))) {
          errors.add("agent.groups[" + i + "].id", "is not a group of this tenant");
        }
      }
    }
    if (in.supervises() != null) {
      List<Long> foreign = UserRepository.foreignGroups(dsl, t, in.supervises());
      for (int i = 0; i < in.supervises().size(); i++) {
        if (foreign.contains(in.supervises().get(i))) {
          errors.add("supervises[" + i + "]", "is not a group of this tenant");
        }
      }
    }
    errors.throwIfAny();
  }

  public Future<AdminUser> update(Actor actor, long id, JsonObject body) {
    UserInput in = UserInput.parse(body, false);
    Future<String> hash =
        in.password() == null
            ? Future.succeededFuture(null)
            : db.blocking(() -> hasher.apply(in.password()));
    return hash.compose(
            h ->
                db.transaction(
                    dsl -> {
                      try {
                        return change(dsl, actor, id, in, h);
                      } catch (RuntimeException e) {
                        throw Conflicts.map(e);
                      }
                    }))
        .compose(
            changed -> {
              effects.changed(actor.tenantId(), "user " + id + " changed");
              boolean ended = !changed.after().enabled() && changed.before().enabled();
              Long agentId = changed.after().agent() == null ? null : changed.after().agent().id();
              return ended
                  ? effects
                      .endSessions(actor.tenantId(), id, agentId, "user-disabled", actor.userId())
                      .map(changed.after())
                  : Future.succeededFuture(changed.after());
            });
  }

  private record Changed(AdminUser before, AdminUser after) {}

  private Changed change(DSLContext dsl, Actor actor, long id, UserInput in, String hash) {
    long t = actor.tenantId();
    AdminUser before = lockedUser(dsl, t, id);
    String role = in.role() != null ? in.role() : before.role();
    boolean enabled = in.enabled() != null ? in.enabled() : before.enabled();
    if (id == actor.userId() && (!enabled || !"admin".equals(role))) {
      throw ApiException.conflict(
          "self", "An admin cannot disable itself or give up its own admin role.");
    }
    if ("admin".equals(before.role())
        && before.enabled()
        && (!enabled || !"admin".equals(role))
        && UserRepository.otherEnabledAdmins(dsl, t, id) == 0) {
      throw ApiException.conflict("last-admin", "This is the last enabled admin of the tenant.");
    }
    InvalidFields.Builder errors = InvalidFields.builder();
    if ("agent".equals(role) && before.agent() == null && in.agent() == null) {
      errors.add("agent", "is required for the role agent");
    }
    if (!"agent".equals(role) && (before.agent() != null || in.agent() != null)) {
      // an agent's row carries its history: it stays an agent (delete it and create another user
      // instead)
      errors.add(
          "role",
          before.agent() != null ? "an agent stays an agent" : "only an agent has agent settings");
    }
    if ("agent".equals(role) && in.supervises() != null && !in.supervises().isEmpty()) {
      errors.add("supervises", "only supervisors and admins supervise groups");
    }
    if (in.agentGiven() && in.agent() == null && before.agent() != null) {
      errors.add("agent", "an agent's settings cannot be removed");
    }
    errors.throwIfAny();
    checkReferences(dsl, t, in);
    if (in.username() != null
        && !in.username().equals(before.username())
        && dsl.fetchExists(
            APP_USER, APP_USER.TENANT_ID.eq(t).and(APP_USER.USERNAME.eq(in.username())))) {
      throw Conflicts.usernameTaken();
    }
    UserRepository.updateUser(dsl, t, id, in, hash);
    UserInput.AgentInput a = in.agent();
    if (a != null && before.agent() == null) {
      if (a.number() == null || a.extension() == null) {
        throw new InvalidFields(missing(a));
      }
      long agentId = insertAgent(dsl, t, id, a);
      UserRepository.replaceGroups(dsl, t, agentId, a.groups() == null ? List.of() : a.groups());
    } else if (a != null) {
      long agentId = before.agent().id();
      if (a.number() != null
          && !a.number().equals(before.agent().number())
          && dsl.fetchExists(AGENT, AGENT.TENANT_ID.eq(t).and(AGENT.AGENT_NUMBER.eq(a.number())))) {
        throw Conflicts.agentNumberTaken();
      }
      Long extension =
          a.extension() == null || a.extension().equals(before.agent().extension())
              ? null
              : UserRepository.freeExtension(dsl, t, a.extension(), agentId)
                  .orElseThrow(Conflicts::extensionTaken);
      UserRepository.updateAgent(dsl, t, agentId, a, extension);
      if (a.groups() != null) {
        UserRepository.replaceGroups(dsl, t, agentId, a.groups());
      }
    }
    if (in.supervises() != null) {
      UserRepository.replaceSupervised(dsl, t, id, in.supervises());
    }
    AdminUser after = UserRepository.find(dsl, t, id).orElseThrow();
    JsonObject afterJson = after.json();
    if (hash != null) {
      afterJson.put("password", "reset");
    }
    audit.insert(
        dsl,
        new AdminAudit.Change(
            t, actor.userId(), "user", Long.toString(id), "update", before.json(), afterJson));
    return new Changed(before, after);
  }

  private static List<io.tandemcc.common.FieldError> missing(UserInput.AgentInput a) {
    List<io.tandemcc.common.FieldError> errors = new ArrayList<>();
    if (a.number() == null) {
      errors.add(new io.tandemcc.common.FieldError("agent.number", "is required"));
    }
    if (a.extension() == null) {
      errors.add(new io.tandemcc.common.FieldError("agent.extension", "is required"));
    }
    return errors;
  }

  public Future<Void> delete(Actor actor, long id) {
    if (id == actor.userId()) {
      return Future.failedFuture(ApiException.conflict("self", "An admin cannot delete itself."));
    }
    return get(actor, id)
        .compose(
            u ->
                u.agent() == null
                    ? Future.succeededFuture(false)
                    : effects.onCall(actor.tenantId(), u.agent().id()))
        .compose(
            onCall -> {
              if (onCall) {
                return Future.failedFuture(onCallConflict());
              }
              return db.transaction(
                  dsl -> {
                    AdminUser before = lockedUser(dsl, actor.tenantId(), id);
                    // asked again with the row locked: a call offered while this delete waited is
                    // seen (409 all the same)
                    if (before.agent() != null
                        && effects.onCallNow(actor.tenantId(), before.agent().id())) {
                      throw onCallConflict();
                    }
                    if ("admin".equals(before.role())
                        && before.enabled()
                        && UserRepository.otherEnabledAdmins(dsl, actor.tenantId(), id) == 0) {
                      throw ApiException.conflict(
                          "last-admin", "This is the last enabled admin of the tenant.");
                    }
                    UserRepository.delete(
                        dsl,
                        actor.tenantId(),
                        id,
                        before.agent() == null ? null : before.agent().id(),
                        clock.instant().atOffset(ZoneOffset.UTC));
                    audit.insert(
                        dsl,
                        new AdminAudit.Change(
                            actor.tenantId(),
                            actor.userId(),
                            "user",
                            Long.toString(id),
                            "delete",
                            before.json(),
                            null));
                    return before;
                  });
            })
        .compose(
            before -> {
              effects.changed(actor.tenantId(), "user " + id + " deleted");
              return effects.endSessions(
                  actor.tenantId(),
                  id,
                  before.agent() == null ? null : before.agent().id(),
                  "user-deleted",
                  actor.userId());
            });
  }

  private static ApiException onCallConflict() {
    return ApiException.conflict(
        "agent-on-call", "The agent is on a call; delete it once the call is over.");
  }

  /**
   * The user, its row locked for the change (two admins changing the last admins at once: one of
   * them waits).
   */
  private static AdminUser lockedUser(DSLContext dsl, long t, long id) {
    Long found =
        dsl.select(APP_USER.ID)
            .from(APP_USER)
            .where(
                APP_USER.TENANT_ID.eq(t).and(APP_USER.ID.eq(id)).and(APP_USER.DELETED_AT.isNull()))
            .forUpdate()
            .fetchOne(APP_USER.ID);
    if (found == null) {
      throw notFound();
    }
    return UserRepository.find(dsl, t, id).orElseThrow(Users::notFound);
  }

  static ApiException notFound() {
    return ApiException.notFound("There is no such user.");
  }
}
