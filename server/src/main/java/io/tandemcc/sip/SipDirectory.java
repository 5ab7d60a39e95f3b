package io.tandemcc.sip;

import static io.tandemcc.db.generated.Tables.AGENT;
import static io.tandemcc.db.generated.Tables.EXTENSION;

import io.tandemcc.db.Database;
import io.vertx.core.Future;
import java.util.Optional;

/** The directory reads of the SIP proxy; every one scoped by tenant. */
public final class SipDirectory {
  private final Database db;

  public SipDirectory(Database db) {
    this.db = db;
  }

  /** The agent whose extension in this tenant is {@code number}, if any. */
  public Future<Optional<Long>> agentByExtension(long tenantId, String number) {
    return db.query(
        dsl ->
            dsl.select(AGENT.ID)
                .from(AGENT)
                .join(EXTENSION)
                .on(
                    EXTENSION
                        .TENANT_ID
                        .eq(AGENT.TENANT_ID)
                        .and(EXTENSION.ID.eq(AGENT.EXTENSION_ID)))
                .where(AGENT.TENANT_ID.eq(tenantId).and(EXTENSION.NUMBER.eq(number)))
                .fetchOptional(AGENT.ID));
  }
}
