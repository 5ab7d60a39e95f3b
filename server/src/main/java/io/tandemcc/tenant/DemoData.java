package io.tandemcc.tenant;

import static io.tandemcc.db.generated.Tables.AGENT;
import static io.tandemcc.db.generated.Tables.AGENT_GROUP;
import static io.tandemcc.db.generated.Tables.AGENT_GROUP_MEMBER;
import static io.tandemcc.db.generated.Tables.API_KEY;
import static io.tandemcc.db.generated.Tables.APP_USER;
import static io.tandemcc.db.generated.Tables.ATTACHED_DATA_KEY;
import static io.tandemcc.db.generated.Tables.DISPOSITION;
import static io.tandemcc.db.generated.Tables.EXTENSION;
import static io.tandemcc.db.generated.Tables.GROUP_SUPERVISOR;
import static io.tandemcc.db.generated.Tables.NOT_READY_REASON;
import static io.tandemcc.db.generated.Tables.POPUP_RULE;
import static io.tandemcc.db.generated.Tables.TENANT;
import static io.tandemcc.db.generated.Tables.TENANT_OUTBOUND_RULES;
import static io.tandemcc.db.generated.Tables.TENANT_TRUNK;

import io.tandemcc.db.Database;
import java.util.List;
import java.util.function.UnaryOperator;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo tenant of development mode: domain {@code acme}, an admin, a supervisor and three
 * agents, all with the published password {@link #PASSWORD}. Created once; never in production
 * mode.
 */
public final class DemoData {
  private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);
  public static final String DOMAIN = "acme";
  public static final String PASSWORD = "acme-demo";

  /** The demo CRM's API key (X-Api-Key) for pushing attached data. */
  public static final String CRM_KEY = "acme-demo-crm-key";

  /** Sam's own phone (extension), for silent monitoring, whisper and barge-in. */
  public static final String SUPERVISOR_PHONE = "1901";

  public static final String POPUP =
      "https://crm.example.com/contact?phone={callerNumber}&customer={CustomerId}";

  /**
   * The example trunk of asterisk-conf/pjsip.conf and the caller id the demo agents call out with.
   */
  public static final String TRUNK = "acme-pstn";

  public static final String CALLER_ID = "+14155550100";

  /**
   * The demo tenant's country calling code (its outbound rules: +1 numbers are national, others
   * international).
   */
  public static final String COUNTRY_CODE = "1";

  private DemoData() {}

  private record DemoAgent(String username, String name, String number, String group) {}

  /**
   * Creates the demo tenant unless it exists; {@code hasher} turns the demo password into a stored
   * hash.
   */
  public static void ensure(
      Database db, UnaryOperator<String> hasher, UnaryOperator<String> keyHasher) {
    boolean created =
        db.dsl()
            .transactionResult(
                cfg -> {
                  DSLContext dsl = org.jooq.impl.DSL.using(cfg);
                  if (dsl.fetchExists(TENANT, TENANT.DOMAIN.eq(DOMAIN))) {
                    return false;
                  }
                  long tenant =
                      dsl.insertInto(TENANT)
                          .set(TENANT.DOMAIN, DOMAIN)
                          .set(TENANT.NAME, "Acme Corp")
                          .set(TENANT.ALLOW_END_WRAPUP_EARLY, true)
                          .returning(TENANT.ID)
                          .fetchOne(TENANT.ID);
                  String hash = hasher.apply(PASSWORD);
                  long support = group(dsl, tenant, "Support", "acme-support");
                  long sales = group(dsl, tenant, "Sales", "acme-sales");
                  user(dsl, tenant, "admin", "Ada Admin", "admin", hash);
                  long sam = user(dsl, tenant, "sam", "Sam Supervisor", "supervisor", hash);
                  givePhone(dsl, tenant, sam, SUPERVISOR_PHONE);
                  dsl.insertInto(GROUP_SUPERVISOR)
                      .set(GROUP_SUPERVISOR.TENANT_ID, tenant)
                      .set(GROUP_SUPERVISOR.GROUP_ID, support)
                      .set(GROUP_SUPERVISOR.USER_ID, sam)
                      .execute();
                  for (DemoAgent a :
                      List.of(
                          new DemoAgent("alice", "Alice Agent", "1001", "support"),
                          new DemoAgent("bob", "Bob Agent", "1002", "support"),
                          new DemoAgent("carol", "Carol Agent", "1003", "sales"))) {
                    long user = user(dsl, tenant, a.username(), a.name(), "agent", hash);
                    long ext =
                        dsl.insertInto(EXTENSION)
                            .set(EXTENSION.TENANT_ID, tenant)
                            .set(EXTENSION.NUMBER, a.number())
                            .returning(EXTENSION.ID)
                            .fetchOne(EXTENSION.ID);
                    long agent =
                        dsl.insertInto(AGENT)
                            .set(AGENT.TENANT_ID, tenant)
                            .set(AGENT.USER_ID, user)
                            .set(AGENT.AGENT_NUMBER, a.number())
                            .set(AGENT.EXTENSION_ID, ext)
                            .set(AGENT.WRAPUP_SECONDS, 30)
                            .set(AGENT.AFTER_CALL_WORK, "after_answer")
                            .set(AGENT.WORKING_WAY, "both")
                            .returning(AGENT.ID)
                            .fetchOne(AGENT.ID);
                    dsl.insertInto(AGENT_GROUP_MEMBER)
                        .set(AGENT_GROUP_MEMBER.TENANT_ID, tenant)
                        .set(
                            AGENT_GROUP_MEMBER.GROUP_ID,
                            a.group().equals("support") ? support : sales)
                        .set(AGENT_GROUP_MEMBER.AGENT_ID, agent)
                        .execute();
                  }
                  int order = 0;
                  for (String[] r :
                      new String[][] {
                        {"break", "Break"},
                        {"lunch", "Lunch"},
                        {"training", "Training"},
                        {"backoffice", "Back office"}
                      }) {
                    dsl.insertInto(NOT_READY_REASON)
                        .set(NOT_READY_REASON.TENANT_ID, tenant)
                        .set(NOT_READY_REASON.CODE, r[0])
                        .set(NOT_READY_REASON.LABEL, r[1])
                        .set(NOT_READY_REASON.SORT_ORDER, order++)
                        .execute();
                  }
                  attachedDataKeys(dsl, tenant);
                  dsl.insertInto(POPUP_RULE)
                      .set(POPUP_RULE.TENANT_ID, tenant)
                      .set(POPUP_RULE.URL_TEMPLATE, POPUP)
                      .set(POPUP_RULE.OPEN_ON, "ring")
                      .execute();
                  dsl.insertInto(TENANT_TRUNK)
                      .set(TENANT_TRUNK.TENANT_ID, tenant)
                      .set(TENANT_TRUNK.ENDPOINT, TRUNK)
                      .set(TENANT_TRUNK.CALLER_ID_NUMBER, CALLER_ID)
                      .execute();
                  // outbound rules: the defaults (no international, no premium, 10 / 1 outside
                  // calls) in the demo's country (+1)
                  dsl.insertInto(TENANT_OUTBOUND_RULES)
                      .set(TENANT_OUTBOUND_RULES.TENANT_ID, tenant)
                      .set(TENANT_OUTBOUND_RULES.COUNTRY_CODE, COUNTRY_CODE)
                      .execute();
                  dsl.insertInto(API_KEY)
                      .set(API_KEY.TENANT_ID, tenant)
                      .set(API_KEY.NAME, "Demo CRM")
                      .set(API_KEY.KEY_HASH, keyHasher.apply(CRM_KEY))
                      .execute();
                  return true;
                });
    if (!created) {
      upgrade(db);
    }
    afterCallWork(db);
    LOG.info(
        "{} demo tenant '{}': sign in with domain '{}', password '{}' and username admin (admin), "
            + "sam (supervisor of Support, phone 1901), alice, bob (agents in Support) or carol (agent in Sales); "
            + "the demo CRM's API key is '{}'",
        created ? "created" : "using the",
        DOMAIN,
        DOMAIN,
        PASSWORD,
        CRM_KEY);
  }

  /**
   * The attached-data keys as the shipped IVR (asterisk-conf/extensions.conf, [acme-inbound]) fills
   * CC_VAR1..7: 1 the customer number, 2 and 3 the name from the customer record, 4 the number the
   * customer calls from, 5 the language, 6 the number called, 7 the menu choice.
   */
  static final List<String[]> KEYS =
      List.of(
          new String[] {"CustomerId", "Customer number"},
          new String[] {"FirstName", "First name"},
          new String[] {"LastName", "Last name"},
          new String[] {"Mobile", "Calling from"},
          new String[] {"Language", "Language"},
          new String[] {"CalledNumber", "Number called"},
          new String[] {"MenuChoice", "Menu choice"});

  /**
   * The keys older versions created, which did not match the IVR (the page showed "Email:
   * +14155550123").
   */
  private static final List<String> OLD_KEYS =
      List.of(
          "CustomerId",
          "Subject",
          "CustomerName",
          "Email",
          "Language",
          "Tier",
          "CallbackNumber",
          "IvrNote",
          "TicketUrl",
          "Extra");

  private static void attachedDataKeys(DSLContext dsl, long tenant) {
    int position = 1;
    for (String[] key : KEYS) {
      dsl.insertInto(ATTACHED_DATA_KEY)
          .set(ATTACHED_DATA_KEY.TENANT_ID, tenant)
          .set(ATTACHED_DATA_KEY.POSITION, position++)
          .set(ATTACHED_DATA_KEY.KEY_NAME, key[0])
          .set(ATTACHED_DATA_KEY.LABEL, key[1])
          .execute();
    }
  }

  /** Replaces the old demo keys by the IVR's, unless an administrator changed them since. */
  private static void fixAttachedDataKeys(DSLContext dsl) {
    Long tenant =
        dsl.select(TENANT.ID).from(TENANT).where(TENANT.DOMAIN.eq(DOMAIN)).fetchOne(TENANT.ID);
    if (tenant == null) {
      return;
    }
    List<String> names =
        dsl.select(ATTACHED_DATA_KEY.KEY_NAME)
            .from(ATTACHED_DATA_KEY)
            .where(ATTACHED_DATA_KEY.TENANT_ID.eq(tenant))
            .orderBy(ATTACHED_DATA_KEY.POSITION)
            .fetch(ATTACHED_DATA_KEY.KEY_NAME);
    if (names.equals(OLD_KEYS)) {
      dsl.deleteFrom(ATTACHED_DATA_KEY).where(ATTACHED_DATA_KEY.TENANT_ID.eq(tenant)).execute();
      attachedDataKeys(dsl, tenant);
    }
  }

  /**
   * Brings a demo tenant created by an older version up to date: sam gets the phone that monitoring
   * needs (the PBX endpoint {@code acme-1901}) unless he has one or the extension is taken; the
   * attached-data keys become the IVR's.
   */
  private static void upgrade(Database db) {
    db.dsl()
        .transaction(
            cfg -> {
              DSLContext dsl = org.jooq.impl.DSL.using(cfg);
              fixAttachedDataKeys(dsl);
              var sam =
                  dsl.select(APP_USER.ID, APP_USER.TENANT_ID, APP_USER.PHONE_EXTENSION_ID)
                      .from(APP_USER)
                      .join(TENANT)
                      .on(TENANT.ID.eq(APP_USER.TENANT_ID))
                      .where(TENANT.DOMAIN.eq(DOMAIN).and(APP_USER.USERNAME.eq("sam")))
                      .fetchOne();
              if (sam == null
                  || sam.value3() != null
                  || dsl.fetchExists(
                      EXTENSION,
                      EXTENSION
                          .TENANT_ID
                          .eq(sam.value2())
                          .and(EXTENSION.NUMBER.eq(SUPERVISOR_PHONE)))) {
                return;
              }
              givePhone(dsl, sam.value2(), sam.value1(), SUPERVISOR_PHONE);
            });
  }

  /**
   * The demo's dispositions (one is required before leaving wrap-up) and click-to-dial auto-answer;
   * added once, also to a demo tenant created by an older version.
   */
  private static void afterCallWork(Database db) {
    db.dsl()
        .transaction(
            cfg -> {
              DSLContext dsl = org.jooq.impl.DSL.using(cfg);
              Long tenant =
                  dsl.select(TENANT.ID)
                      .from(TENANT)
                      .where(TENANT.DOMAIN.eq(DOMAIN))
                      .fetchOne(TENANT.ID);
              if (tenant == null
                  || dsl.fetchExists(DISPOSITION, DISPOSITION.TENANT_ID.eq(tenant))) {
                return;
              }
              int position = 0;
              for (String[] d :
                  new String[][] {
                    {"resolved", "Resolved"},
                    {"callback", "Call back later"},
                    {"sale", "Sale"},
                    {"no-interest", "Not interested"},
                    {"wrong-number", "Wrong number"}
                  }) {
                dsl.insertInto(DISPOSITION)
                    .set(DISPOSITION.TENANT_ID, tenant)
                    .set(DISPOSITION.CODE, d[0])
                    .set(DISPOSITION.LABEL, d[1])
                    .set(DISPOSITION.POSITION, position++)
                    .execute();
              }
              dsl.update(TENANT)
                  .set(TENANT.DISPOSITION_REQUIRED, true)
                  .set(TENANT.CLICK_TO_DIAL_AUTO_ANSWER, true)
                  .where(TENANT.ID.eq(tenant))
                  .execute();
            });
  }

  /** A new extension of the tenant as the user's own phone. */
  private static void givePhone(DSLContext dsl, long tenant, long user, String number) {
    long ext =
        dsl.insertInto(EXTENSION)
            .set(EXTENSION.TENANT_ID, tenant)
            .set(EXTENSION.NUMBER, number)
            .returning(EXTENSION.ID)
            .fetchOne(EXTENSION.ID);
    dsl.update(APP_USER)
        .set(APP_USER.PHONE_EXTENSION_ID, ext)
        .where(APP_USER.TENANT_ID.eq(tenant).and(APP_USER.ID.eq(user)))
        .execute();
  }

  private static long group(DSLContext dsl, long tenant, String name, String queue) {
    return dsl.insertInto(AGENT_GROUP)
        .set(AGENT_GROUP.TENANT_ID, tenant)
        .set(AGENT_GROUP.NAME, name)
        .set(AGENT_GROUP.QUEUE_NAME, queue)
        .returning(AGENT_GROUP.ID)
        .fetchOne(AGENT_GROUP.ID);
  }

  private static long user(
      DSLContext dsl, long tenant, String username, String name, String role, String hash) {
    return dsl.insertInto(APP_USER)
        .set(APP_USER.TENANT_ID, tenant)
        .set(APP_USER.USERNAME, username)
        .set(APP_USER.DISPLAY_NAME, name)
        .set(APP_USER.PASSWORD_HASH, hash)
        .set(APP_USER.ROLE, role)
        .returning(APP_USER.ID)
        .fetchOne(APP_USER.ID);
  }
}
