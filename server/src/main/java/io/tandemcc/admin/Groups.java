package io.tandemcc.admin;

import io.tandemcc.admin.Users.Actor;
import io.tandemcc.common.ApiException;
import io.tandemcc.common.InvalidFields;
import io.tandemcc.common.Page;
import io.tandemcc.db.Database;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.jooq.DSLContext;

/**
 * The agent groups of a tenant and their PBX queues, for its admins. The queue name is made once
 * from the tenant's domain and the first name, and stays when the group is renamed (call records
 * and statistics name the queue).
 */
public final class Groups {
  private final Database db;
  private final AdminAudit audit;
  private final LiveEffects effects;

  public Groups(Database db, AdminAudit audit, LiveEffects effects) {
    this.db = db;
    this.audit = audit;
    this.effects = effects;
  }

  public Future<Page<AdminGroup>> list(Actor actor, String q, int limit, String after) {
    return db.query(dsl -> GroupRepository.page(dsl, actor.tenantId(), q, limit, after));
  }

  public Future<AdminGroup> get(Actor actor, long id) {
    return db.query(
        dsl -> GroupRepository.find(dsl, actor.tenantId(), id).orElseThrow(Groups::notFound));
  }

  public Future<AdminGroup> create(Actor actor, JsonObject body) {
    GroupInput in = GroupInput.parse(body, true);
    return db.transaction(
            dsl ->
                mapped(
                    () -> {
                      long t = actor.tenantId();
                      checkReferences(dsl, t, in);
                      if (GroupRepository.nameTaken(dsl, t, in.name(), null)) {
                        throw Conflicts.groupNameTaken();
                      }
                      long id =
                          GroupRepository.insert(
                              dsl, t, in, GroupRepository.queueName(dsl, t, in.name()));
                      GroupRepository.replaceMembers(
                          dsl, t, id, in.members() == null ? List.of() : in.members());
                      GroupRepository.replaceSupervisors(
                          dsl, t, id, in.supervisors() == null ? List.of() : in.supervisors());
                      AdminGroup created = GroupRepository.find(dsl, t, id).orElseThrow();
                      audit.insert(
                          dsl,
                          new AdminAudit.Change(
                              t,
                              actor.userId(),
                              "queue",
                              Long.toString(id),
                              "create",
                              null,
                              created.json()));
                      return created;
                    }))
        .onSuccess(g -> effects.changed(actor.tenantId(), "group " + g.id() + " created"));
  }

  public Future<AdminGroup> update(Actor actor, long id, JsonObject body) {
    GroupInput in = GroupInput.parse(body, false);
    return db.transaction(
            dsl ->
                mapped(
                    () -> {
                      long t = actor.tenantId();
                      AdminGroup before =
                          GroupRepository.find(dsl, t, id).orElseThrow(Groups::notFound);
                      checkReferences(dsl, t, in);
                      if (in.name() != null && GroupRepository.nameTaken(dsl, t, in.name(), id)) {
                        throw Conflicts.groupNameTaken();
                      }
                      GroupRepository.update(dsl, t, id, in);
                      if (in.members() != null) {
                        GroupRepository.replaceMembers(dsl, t, id, in.members());
                      }
                      if (in.supervisors() != null) {
                        GroupRepository.replaceSupervisors(dsl, t, id, in.supervisors());
                      }
                      AdminGroup after = GroupRepository.find(dsl, t, id).orElseThrow();
                      audit.insert(
                          dsl,
                          new AdminAudit.Change(
                              t,
                              actor.userId(),
                              "queue",
                              Long.toString(id),
                              "update",
                              before.json(),
                              after.json()));
                      return after;
                    }))
        .onSuccess(g -> effects.changed(actor.tenantId(), "group " + id + " changed"));
  }

  public Future<Void> delete(Actor actor, long id) {
    return db.transaction(
            dsl -> {
              AdminGroup before =
                  GroupRepository.find(dsl, actor.tenantId(), id).orElseThrow(Groups::notFound);
              GroupRepository.delete(dsl, actor.tenantId(), id);
              audit.insert(
                  dsl,
                  new AdminAudit.Change(
                      actor.tenantId(),
                      actor.userId(),
                      "queue",
                      Long.toString(id),
                      "delete",
                      before.json(),
                      null));
              return before;
            })
        .onSuccess(g -> effects.changed(actor.tenantId(), "group " + id + " deleted"))
        .mapEmpty();
  }

  private static void checkReferences(DSLContext dsl, long t, GroupInput in) {
    InvalidFields.Builder errors = InvalidFields.builder();
    if (in.members() != null) {
      List<Long> ids = in.members().stream().map(AdminGroup.Member::agentId).toList();
      List<Long> foreign = GroupRepository.foreignAgents(dsl, t, ids);
      for (int i = 0; i < ids.size(); i++) {
        if (foreign.contains(ids.get(i))) {
          errors.add("members[" + i + "].agentId", "is not an agent of this tenant");
        }
      }
    }
    if (in.supervisors() != null) {
      List<Long> foreign = GroupRepository.notSupervisors(dsl, t, in.supervisors());
      for (int i = 0; i < in.supervisors().size(); i++) {
        if (foreign.contains(in.supervisors().get(i))) {
          errors.add("supervisors[" + i + "]", "is not a supervisor or admin of this tenant");
        }
      }
    }
    errors.throwIfAny();
  }

  private static <T> T mapped(java.util.function.Supplier<T> work) {
    try {
      return work.get();
    } catch (RuntimeException e) {
      throw Conflicts.map(e);
    }
  }

  static ApiException notFound() {
    return ApiException.notFound("There is no such group.");
  }
}
