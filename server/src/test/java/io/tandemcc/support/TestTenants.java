package io.tandemcc.support;

import static io.tandemcc.db.generated.Tables.AGENT;
import static io.tandemcc.db.generated.Tables.AGENT_GROUP;
import static io.tandemcc.db.generated.Tables.AGENT_GROUP_MEMBER;
import static io.tandemcc.db.generated.Tables.APP_USER;
import static io.tandemcc.db.generated.Tables.EXTENSION;
import static io.tandemcc.db.generated.Tables.GROUP_SUPERVISOR;
import static io.tandemcc.db.generated.Tables.NOT_READY_REASON;
import static io.tandemcc.db.generated.Tables.TENANT;
import static io.tandemcc.db.generated.Tables.TENANT_OUTBOUND_RULES;

import io.tandemcc.auth.PasswordHasher;
import io.tandemcc.db.Database;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;

/**
 * Creates a fresh tenant per test with a unique domain: two groups (support, sales), a supervisor
 * of support with his own phone (extension {@link #SAM_PHONE}), and agents alice and bob (support)
 * and carol (sales), every password {@link #PASSWORD}; outbound rules are a new tenant's defaults
 * with country code 1.
 */
public final class TestTenants {
  public static final String PASSWORD = "s3cret-pass";
  public static final String SAM_PHONE = "1901";
  private static final AtomicInteger SEQ = new AtomicInteger();
  private static final PasswordHasher HASHER = new PasswordHasher();
  private static String hash;

  private TestTenants() {}

  public record TestTenant(
      String domain,
      long id,
      long supportGroup,
      long salesGroup,
      long aliceAgent,
      long bobAgent,
      long carolAgent,
      long aliceUser,
      long samUser) {}

  public static synchronized TestTenant create(
      Database db, String prefix, int wrapupSeconds, String acw, boolean allowEarly) {
    if (hash == null) {
      hash = HASHER.hash(PASSWORD);
    }
    String raw =
        prefix.replaceAll("[^a-z0-9]", "")
            + ProcessHandle.current().pid()
            + "x"
            + SEQ.incrementAndGet();
    String domain = raw.length() > 32 ? raw.substring(raw.length() - 32) : raw;
    return db.dsl()
        .transactionResult(
            cfg -> {
              DSLContext dsl = org.jooq.impl.DSL.using(cfg);
              long t =
                  dsl.insertInto(TENANT)
                      .set(TENANT.DOMAIN, domain)
                      .set(TENANT.NAME, "Tenant " + domain)
                      .set(TENANT.ALLOW_END_WRAPUP_EARLY, allowEarly)
                      .returning(TENANT.ID)
                      .fetchOne(TENANT.ID);
              // outbound rules: the defaults of a new tenant in country +1, like the demo tenant
              dsl.insertInto(TENANT_OUTBOUND_RULES)
                  .set(TENANT_OUTBOUND_RULES.TENANT_ID, t)
                  .set(TENANT_OUTBOUND_RULES.COUNTRY_CODE, "1")
                  .execute();
              long support =
                  dsl.insertInto(AGENT_GROUP)
                      .set(AGENT_GROUP.TENANT_ID, t)
                      .set(AGENT_GROUP.NAME, "Support")
                      .set(AGENT_GROUP.QUEUE_NAME, domain + "-support")
                      .returning(AGENT_GROUP.ID)
                      .fetchOne(AGENT_GROUP.ID);
              long sales =
                  dsl.insertInto(AGENT_GROUP)
                      .set(AGENT_GROUP.TENANT_ID, t)
                      .set(AGENT_GROUP.NAME, "Sales")
                      .set(AGENT_GROUP.QUEUE_NAME, domain + "-sales")
                      .returning(AGENT_GROUP.ID)
                      .fetchOne(AGENT_GROUP.ID);
              long sup = user(dsl, t, "sam", "supervisor");
              long samPhone =
                  dsl.insertInto(EXTENSION)
                      .set(EXTENSION.TENANT_ID, t)
                      .set(EXTENSION.NUMBER, SAM_PHONE)
                      .returning(EXTENSION.ID)
                      .fetchOne(EXTENSION.ID);
              dsl.update(APP_USER)
                  .set(APP_USER.PHONE_EXTENSION_ID, samPhone)
                  .where(APP_USER.ID.eq(sup))
                  .execute();
              dsl.insertInto(GROUP_SUPERVISOR)
                  .set(GROUP_SUPERVISOR.TENANT_ID, t)
                  .set(GROUP_SUPERVISOR.GROUP_ID, support)
                  .set(GROUP_SUPERVISOR.USER_ID, sup)
                  .execute();
              user(dsl, t, "admin", "admin");
              long aliceUser = user(dsl, t, "alice", "agent");
              long alice = agent(dsl, t, aliceUser, "1001", support, wrapupSeconds, acw);
              long bob =
                  agent(dsl, t, user(dsl, t, "bob", "agent"), "1002", support, wrapupSeconds, acw);
              long carol =
                  agent(dsl, t, user(dsl, t, "carol", "agent"), "1003", sales, wrapupSeconds, acw);
              dsl.insertInto(NOT_READY_REASON)
                  .set(NOT_READY_REASON.TENANT_ID, t)
                  .set(NOT_READY_REASON.CODE, "break")
                  .set(NOT_READY_REASON.LABEL, "Break")
                  .execute();
              dsl.insertInto(NOT_READY_REASON)
                  .set(NOT_READY_REASON.TENANT_ID, t)
                  .set(NOT_READY_REASON.CODE, "lunch")
                  .set(NOT_READY_REASON.LABEL, "Lunch")
                  .execute();
              return new TestTenant(domain, t, support, sales, alice, bob, carol, aliceUser, sup);
            });
  }

  public static TestTenant create(Database db, String prefix) {
    return create(db, prefix, 30, "after_answer", true);
  }

  private static long user(DSLContext dsl, long t, String username, String role) {
    return dsl.insertInto(APP_USER)
        .set(APP_USER.TENANT_ID, t)
        .set(APP_USER.USERNAME, username)
        .set(
            APP_USER.DISPLAY_NAME,
            username.substring(0, 1).toUpperCase() + username.substring(1) + " Test")
        .set(APP_USER.PASSWORD_HASH, hash)
        .set(APP_USER.ROLE, role)
        .returning(APP_USER.ID)
        .fetchOne(APP_USER.ID);
  }

  private static long agent(
      DSLContext dsl, long t, long user, String number, long group, int wrapup, String acw) {
    long ext =
        dsl.insertInto(EXTENSION)
            .set(EXTENSION.TENANT_ID, t)
            .set(EXTENSION.NUMBER, number)
            .returning(EXTENSION.ID)
            .fetchOne(EXTENSION.ID);
    long agent =
        dsl.insertInto(AGENT)
            .set(AGENT.TENANT_ID, t)
            .set(AGENT.USER_ID, user)
            .set(AGENT.AGENT_NUMBER, number)
            .set(AGENT.EXTENSION_ID, ext)
            .set(AGENT.WRAPUP_SECONDS, wrapup)
            .set(AGENT.AFTER_CALL_WORK, acw)
            .returning(AGENT.ID)
            .fetchOne(AGENT.ID);
    dsl.insertInto(AGENT_GROUP_MEMBER)
        .set(AGENT_GROUP_MEMBER.TENANT_ID, t)
        .set(AGENT_GROUP_MEMBER.GROUP_ID, group)
        .set(AGENT_GROUP_MEMBER.AGENT_ID, agent)
        .execute();
    return agent;
  }
}
