package io.tandemcc.admin;

import io.tandemcc.db.Database;
import java.time.Clock;
import java.util.function.UnaryOperator;

/**
 * The use cases behind /api/admin (users and agents, groups, extensions, the audit log), built once
 * by Server.
 */
public record AdminApi(Users users, Groups groups, Extensions extensions, AuditTrail audit) {
  public static AdminApi create(
      Database db, UnaryOperator<String> hasher, LiveEffects effects, Clock clock) {
    AdminAudit audit = new AdminAudit(db, clock);
    return new AdminApi(
        new Users(db, hasher, audit, effects, clock),
        new Groups(db, audit, effects),
        new Extensions(db, audit, effects),
        new AuditTrail(db));
  }
}
