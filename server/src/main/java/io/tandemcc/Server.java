package io.tandemcc;

import io.tandemcc.agent.AgentCommand;
import io.tandemcc.agent.AgentCommandReply;
import io.tandemcc.agent.AgentRepository;
import io.tandemcc.agent.AgentState;
import io.tandemcc.agent.AgentStateChanged;
import io.tandemcc.agent.AgentStateClient;
import io.tandemcc.agent.AgentStateQuery;
import io.tandemcc.agent.AgentStateVerticle;
import io.tandemcc.auth.AccessTokens;
import io.tandemcc.auth.ApiKeys;
import io.tandemcc.auth.DevSecrets;
import io.tandemcc.auth.LoginService;
import io.tandemcc.auth.LoginThrottle;
import io.tandemcc.auth.PasswordChecks;
import io.tandemcc.auth.PasswordHasher;
import io.tandemcc.auth.RevokedSessions;
import io.tandemcc.auth.SessionEnded;
import io.tandemcc.auth.SessionStore;
import io.tandemcc.call.AgentLocator;
import io.tandemcc.call.AlwaysRecordVerticle;
import io.tandemcc.call.AttachData;
import io.tandemcc.call.CallControl;
import io.tandemcc.call.CallControlRepository;
import io.tandemcc.call.CallDataChanged;
import io.tandemcc.call.CallDirectory;
import io.tandemcc.call.CallOffered;
import io.tandemcc.call.CallOriginated;
import io.tandemcc.call.CallParties;
import io.tandemcc.call.CallRecords;
import io.tandemcc.call.CallVerticle;
import io.tandemcc.call.ClickToDialService;
import io.tandemcc.call.Dispositions;
import io.tandemcc.callback.CallbackDue;
import io.tandemcc.callback.CallbackReminders;
import io.tandemcc.callback.CallbackRepository;
import io.tandemcc.callback.Callbacks;
import io.tandemcc.common.LocalCodec;
import io.tandemcc.common.LocalTopic;
import io.tandemcc.common.OneEventLoop;
import io.tandemcc.config.AppConfig;
import io.tandemcc.db.Database;
import io.tandemcc.db.EmbeddedDatabase;
import io.tandemcc.pbx.PbxAddresses;
import io.tandemcc.pbx.PbxEvent;
import io.tandemcc.pbx.PbxLinks;
import io.tandemcc.pbx.UpstreamCredentials;
import io.tandemcc.pbx.ami.AmiConfig;
import io.tandemcc.pbx.ami.AmiLink;
import io.tandemcc.pbx.demo.DemoAmiPeer;
import io.tandemcc.pbx.demo.DemoPace;
import io.tandemcc.provisioning.ProvisionPbx;
import io.tandemcc.provisioning.ProvisioningResult;
import io.tandemcc.provisioning.ProvisioningSource;
import io.tandemcc.provisioning.ProvisioningVerticle;
import io.tandemcc.queue.QueueActionFailed;
import io.tandemcc.queue.QueueMembershipVerticle;
import io.tandemcc.sip.IceServers;
import io.tandemcc.sip.SipAccess;
import io.tandemcc.sip.SipCallPolicy;
import io.tandemcc.sip.SipDirectory;
import io.tandemcc.sip.SipGateway;
import io.tandemcc.sip.SipTickets;
import io.tandemcc.supervisor.AuditLog;
import io.tandemcc.supervisor.BrowserPresence;
import io.tandemcc.supervisor.MonitorChanged;
import io.tandemcc.supervisor.MonitorCommand;
import io.tandemcc.supervisor.MonitorReply;
import io.tandemcc.supervisor.MonitorVerticle;
import io.tandemcc.supervisor.Supervision;
import io.tandemcc.supervisor.SupervisorRepository;
import io.tandemcc.supervisor.TeamQuery;
import io.tandemcc.supervisor.TeamRepository;
import io.tandemcc.supervisor.TeamSnapshot;
import io.tandemcc.supervisor.TeamUpdate;
import io.tandemcc.supervisor.TeamVerticle;
import io.tandemcc.tenant.DemoData;
import io.tandemcc.tenant.OutboundAudit;
import io.tandemcc.tenant.OutboundGate;
import io.tandemcc.tenant.OutboundRulesRepository;
import io.tandemcc.tenant.TenantAdministration;
import io.tandemcc.tenant.TenantDirectory;
import io.tandemcc.web.HttpVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wiring: builds every service in a visible order and deploys the verticles. No DI container.
 * Used by {@link Main} and by the integration tests, which start the whole server in-process.
 */
public final class Server implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Server.class);

  private final Vertx vertx;
  private final Database database;
  private final EmbeddedDatabase embedded;
  private final int port;
  private final List<AmiLink> amiLinks;
  private final SipTickets sipTickets;

  /** The SIP proxies' refusal counts (tests read them). */
  private io.tandemcc.sip.SipStats sipStats;

  /** TLS_MODE=acme's renewal thread, else null. */
  private io.tandemcc.web.AcmeRenewal acme;

  private HttpVerticle firstHttp;

  private final String ownersDeployment;

  private Server(
      Vertx vertx,
      Database database,
      EmbeddedDatabase embedded,
      int port,
      List<AmiLink> amiLinks,
      SipTickets sipTickets,
      String ownersDeployment) {
    this.ownersDeployment = ownersDeployment;
    this.vertx = vertx;
    this.amiLinks = List.copyOf(amiLinks);
    this.database = database;
    this.embedded = embedded;
    this.port = port;
    this.sipTickets = sipTickets;
  }

  /** Starts everything and blocks until the HTTP port listens. */
  public static Server start(AppConfig config) {
    LOG.info("starting with {}", config);
    Clock clock = Clock.systemUTC();
    io.tandemcc.metrics.ServerMetrics metrics = new io.tandemcc.metrics.ServerMetrics();
    Vertx vertx = config.metrics().enabled() ? metrics.newVertx() : Vertx.vertx();
    registerCodecs(vertx);

    // 1. database: an external PostgreSQL, or an embedded one whose data live in DATA_DIR
    EmbeddedDatabase embedded = null;
    Database db;
    if (config.database().isPresent()) {
      var s = config.database().get();
      db =
          Database.open(
              vertx,
              s.jdbcUrl(),
              s.user(),
              s.password(),
              10,
              config.databaseTimeouts().connect(),
              config.databaseTimeouts().query());
    } else {
      embedded = EmbeddedDatabase.start(config.dataDir().resolve("postgres"));
      db =
          Database.open(
              vertx,
              embedded.jdbcUrl(),
              embedded.user(),
              null,
              10,
              config.databaseTimeouts().connect(),
              config.databaseTimeouts().query());
    }
    if (config.metrics().enabled()) {
      db.reportPoolMetrics(metrics.registry());
    }

    // 2. security: the JWT secret, password hashing, sessions, login throttling
    String jwtSecret = config.jwtSecret().orElseGet(() -> DevSecrets.jwtSecret(config.dataDir()));
    // the agents' SIP passwords towards Asterisk: rendered by the provisioning, answered by the SIP
    // proxy
    UpstreamCredentials upstreamCredentials =
        new UpstreamCredentials(
            config
                .sip()
                .upstreamSecret()
                .orElseGet(() -> DevSecrets.sipUpstreamSecret(config.dataDir())));
    RevokedSessions revoked = new RevokedSessions(config.accessTokenTtl());
    AccessTokens tokens = new AccessTokens(vertx, jwtSecret, config.accessTokenTtl(), revoked);
    PasswordHasher hasher = new PasswordHasher();
    SessionStore sessions = new SessionStore(db, config.sessionIdleTimeout());
    // logouts survive a restart: the sessions revoked while one of their access tokens could still
    // be valid
    revoked.revokeAll(
        await(
            sessions.revokedSince(
                java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC)
                    .minus(RevokedSessions.horizon(config.accessTokenTtl())))));
    TenantDirectory directory = new TenantDirectory(db);
    ApiKeys apiKeys = new ApiKeys(db);

    // 3. demo tenant (development only)
    if (config.demoData()) {
      DemoData.ensure(db, hasher::hash, apiKeys::hash);
    }

    // 4. the owners of agent state, calls and the team view, and the AMI link whose events they
    // follow, all on one
    //    event loop (OneEventLoop): each stays a single-threaded owner behind the event bus, but a
    // message between
    //    them no longer wakes another thread — the path from an AMI event to a screen-pop or a
    // supervisor's screen
    //    crosses them all (bench/RESULTS.md). They start in this order, the AMI link once its
    // listeners are there,
    //    and are deployed with the first HTTP instance (7. below).
    AgentRepository agentRepository = new AgentRepository(db);
    AgentStateClient agents = new AgentStateClient(vertx);
    List<VerticleBase> owners = new ArrayList<>();
    io.tandemcc.agent.StateCensus census = new io.tandemcc.agent.StateCensus();
    // state changes are journalled in DATA_DIR before they are acknowledged (docs/durability.md)
    owners.add(
        new AgentStateVerticle(
            agentRepository,
            clock,
            io.tandemcc.db.Journal.open(
                config.dataDir().resolve("journal").resolve("agent-state.jsonl"), db.health()),
            new io.tandemcc.db.DeadLetters(config.dataDir().resolve("dead-letters"), db.health()),
            census));

    // 5. the PBX: calls and queue membership follow its events
    CallRecords callRecords = new CallRecords(db);
    AgentLocator locator = new AgentLocator(db);
    PbxLinks pbx = new PbxLinks();
    // toll-fraud control: every outside number passes the tenant's rules and caps here (the caps
    // counted by CallVerticle)
    OutboundGate outboundGate =
        new OutboundGate(vertx, new OutboundRulesRepository(db), new OutboundAudit(db, clock));
    LocalTopic<CallOffered> offered =
        new LocalTopic<>(); // the screen-pop: CallVerticle → the push hubs
    owners.add(
        new CallVerticle(
            new CallDirectory(db, locator, callRecords, clock),
            callRecords,
            new CallParties(db),
            agents,
            clock,
            pbx,
            offered,
            outboundGate));
    CallControlRepository callControlRepository = new CallControlRepository(db);
    owners.add(new AlwaysRecordVerticle(callControlRepository, pbx, clock));
    // the live team view follows PBX events from the link's first one, and browser connections from
    // the first
    LocalTopic<TeamUpdate> teamUpdates =
        new LocalTopic<>(); // the team view's deltas: TeamVerticle → the push hubs
    owners.add(new TeamVerticle(new TeamRepository(db), agents, clock, teamUpdates, pbx));
    // a dead browser never holds a seat: an agent with no page for DISCONNECTED_AFTER_SECONDS
    // becomes Not Ready
    owners.add(
        new io.tandemcc.push.PresenceVerticle(
            agents, clock, config.presence().disconnectedAfter()));
    List<AmiLink> amiLinks = new ArrayList<>();
    Optional<AppConfig.AmiSettings> amiSettings = config.ami();
    if (config.demoCalls()) {
      // development without Asterisk: the demo call simulator is an AMI peer on the loopback, and
      // the real link
      // logs in to it, so its calls take the whole real path (io.tandemcc.pbx.demo, README)
      DemoAmiPeer simulator = await(DemoAmiPeer.deploy(vertx, DemoData.DOMAIN, DemoPace.GENTLE));
      LOG.info(
          "DEMO_CALLS: the call simulator plays queue calls to Ready agents of the demo tenant ({})",
          simulator);
      amiSettings =
          Optional.of(
              new AppConfig.AmiSettings(
                  "asterisk",
                  "127.0.0.1",
                  simulator.port(),
                  "demo",
                  "demo",
                  Duration.ofSeconds(10)));
    }
    if (amiSettings.isPresent()) {
      var ami = amiSettings.get();
      var events = LocalCodec.familyOptions(PbxEvent.class);
      AmiConfig amiConfig =
          AmiConfig.of(ami.pbxId(), ami.host(), ami.port(), ami.username(), ami.secret())
              .withTimeouts(ami.timeout(), ami.timeout());
      AmiLink link =
          AmiLink.create(
              vertx,
              amiConfig,
              event -> {
                vertx.eventBus().publish(PbxAddresses.EVENTS, event, events);
                if (event instanceof PbxEvent.LinkEvent) {
                  vertx.eventBus().publish(PbxAddresses.LINK, event, events);
                }
              });
      amiLinks.add(link);
      pbx.add(link);
      owners.add(link.verticle());
      owners.add(new QueueMembershipVerticle(link, locator, agents));
      owners.add(new MonitorVerticle(link.commands()));
    } else {
      LOG.warn(
          "no AMI_HOST configured and DEMO_CALLS off: running without a PBX (no calls, no queue membership)");
    }

    // 5b. provisioning: Asterisk's generated tandem/*.conf follow the database, reloaded over the
    // AMI link
    if (config.pbxConfigDir().isPresent()) {
      await(
          vertx.deployVerticle(
              new ProvisioningVerticle(
                  new ProvisioningSource(db),
                  config.pbxConfigDir().get(),
                  amiLinks.isEmpty() ? null : amiLinks.get(0),
                  upstreamCredentials)));
    } else {
      LOG.info(
          "no PBX_CONFIG_DIR configured: provisioning off, Asterisk's tandem/*.conf files are kept by hand");
    }

    // 6. SIP-over-WebSocket proxy: single-use tickets, ICE servers, the call policy; each HTTP
    // instance below
    //    makes its own proxy, which opens one WebSocket to Asterisk per browser connection
    SipTickets sipTickets = new SipTickets(revoked, clock);
    SipAccess sipAccess =
        new SipAccess(
            directory,
            sipTickets,
            new IceServers(config.sip(), clock),
            config.sip().sipDomain(),
            config.hasPhoneSystem());
    SipGateway sip =
        new SipGateway(
            sipAccess,
            config.sip(),
            new SipCallPolicy(new SipDirectory(db), agents, outboundGate),
            revoked,
            upstreamCredentials);

    // 7. HTTP edge: REST, push, SIP, web client — one instance per event loop, all on one port
    // Argon2 on a pool of its own (half the cores), so a burst of logins cannot slow the rest of
    // the API
    LoginService logins =
        new LoginService(
            vertx,
            directory,
            new PasswordChecks(vertx, hasher, PasswordChecks.defaultThreads()),
            sessions,
            tokens,
            new LoginThrottle(clock),
            revoked,
            agents);
    Supervision supervision =
        new Supervision(
            vertx,
            directory,
            new SupervisorRepository(db),
            agents,
            logins,
            new AuditLog(db, clock));
    CallControl callControl =
        new CallControl(vertx, directory, agents, pbx, callControlRepository, clock, outboundGate);
    // 6b. after-call work: dispositions, click-to-dial, personal callbacks and their due reminders
    Dispositions dispositions = new Dispositions(db, directory, agents, clock);
    ClickToDialService dialer =
        new ClickToDialService(vertx, db, locator, directory, agents, pbx, outboundGate);
    CallbackRepository callbackRepository = new CallbackRepository(db);
    Callbacks callbacks = new Callbacks(callbackRepository, dialer, clock);
    await(
        vertx.deployVerticle(
            new CallbackReminders(callbackRepository, clock, Duration.ofSeconds(1))));
    if (!config.reportRollupEvery().isZero()) {
      // the reports' day rollup filled ahead of its readers: a minute after start, then as new days
      // close
      await(
          vertx.deployVerticle(
              new io.tandemcc.report.RollupWarmer(
                  db, clock, Duration.ofMinutes(1), config.reportRollupEvery())));
    }

    int port = config.httpPort() == 0 ? freePort(config.httpHost()) : config.httpPort();
    // TLS: the certificate source; with ACME also the challenges the redirect port answers
    io.tandemcc.web.TlsCertificates certificates =
        io.tandemcc.web.TlsCertificates.of(config.tls(), config.dataDir(), clock);
    HttpVerticle.Dependencies deps =
        new HttpVerticle.Dependencies(
            config.httpHost(),
            port,
            config.webrootDir(),
            config.secureCookies(),
            config.sessionIdleTimeout().toSeconds(),
            config.trustedProxies(),
            tokens,
            logins,
            agents,
            directory,
            sip,
            pbx,
            apiKeys,
            supervision,
            clock,
            callControl,
            callControlRepository,
            dispositions,
            callbacks,
            dialer,
            offered,
            teamUpdates,
            config.mode() == AppConfig.Mode.PROD,
            db.health(),
            new TenantAdministration(db, hasher::hash, logins::endTenantSessions),
            io.tandemcc.admin.AdminApi.create(
                db,
                hasher::hash,
                new io.tandemcc.admin.LiveEffects(vertx, agents, logins::endSessions),
                clock),
            io.tandemcc.web.AdminConfigRoutes.UseCases.of(
                db,
                clock,
                apiKeys::hash,
                tenantId -> {
                  vertx
                      .eventBus()
                      .publish(io.tandemcc.call.CallAddresses.SETTINGS_CHANGED, tenantId);
                  vertx
                      .eventBus()
                      .publish(io.tandemcc.tenant.TenantAddresses.SETTINGS_CHANGED, tenantId);
                },
                reason ->
                    vertx
                        .eventBus()
                        .send(
                            io.tandemcc.provisioning.ProvisioningAddresses.PROVISION,
                            new io.tandemcc.provisioning.ProvisionPbx(reason))),
            metrics,
            config.metrics(),
            certificates,
            config.tls().reloadCheck(),
            config.presence().socketPing(),
            new io.tandemcc.history.CallHistory(db, config.recordingsDir(), clock),
            new io.tandemcc.report.Reports(db, clock));
    // the contact center's own figures, next to the owners whose events they count
    owners.add(new io.tandemcc.metrics.DomainMetrics(metrics, census, sip.stats(), sip.sockets()));
    int instances = Math.max(1, Runtime.getRuntime().availableProcessors());
    // the owners' loop serves browsers too (as every loop of a plain Vert.x server does): pushes to
    // the connections
    // it holds leave without a hand-over; the other instances each take an event loop of their own
    HttpVerticle firstHttp = new HttpVerticle(deps);
    owners.add(firstHttp);
    String ownersDeployment = await(vertx.deployVerticle(new OneEventLoop(owners)));
    if (instances > 1) {
      await(
          vertx.deployVerticle(
              () -> new HttpVerticle(deps), new DeploymentOptions().setInstances(instances - 1)));
    }

    io.tandemcc.web.AcmeRenewal acme = null;
    if (config.tls().redirectPort().isPresent()) {
      int redirectPort =
          await(
                  io.tandemcc.web.HttpsRedirect.listen(
                      vertx,
                      config.httpHost(),
                      config.tls().redirectPort().get(),
                      port,
                      config.tls().hostnames().isEmpty()
                          ? config.httpHost()
                          : config.tls().hostnames().get(0),
                      certificates.challenges()))
              .actualPort();
      LOG.info("plain HTTP on port {} redirects to HTTPS", redirectPort);
      // TLS_MODE=acme: orders and renews once the challenges can be answered
      acme = certificates.startRenewal(redirectPort, clock);
    }
    Server server = new Server(vertx, db, embedded, port, amiLinks, sipTickets, ownersDeployment);
    server.acme = acme;
    server.sipStats = sip.stats();
    server.firstHttp = firstHttp;
    config
        .portFile()
        .ifPresent(
            file -> {
              try {
                Files.writeString(file, Integer.toString(port));
              } catch (IOException e) {
                throw new UncheckedIOException("cannot write PORT_FILE " + file, e);
              }
            });
    LOG.info(
        "listening on {}://{}:{}/",
        config.tls().enabled() ? "https" : "http",
        config.httpHost(),
        port);
    return server;
  }

  /**
   * The routes one HTTP instance mounts (all instances mount the same; the OpenAPI test reads
   * them).
   */
  public java.util.List<HttpVerticle.MountedRoute> mountedRoutes() {
    return firstHttp.mountedRoutes();
  }

  public int port() {
    return port;
  }

  public Vertx vertx() {
    return vertx;
  }

  public Database database() {
    return database;
  }

  /** The SIP ticket desk (tests issue expired tickets through it). */
  public SipTickets sipTickets() {
    return sipTickets;
  }

  /** What the SIP proxies refused, per reason. */
  public io.tandemcc.sip.SipStats sipStats() {
    return sipStats;
  }

  /**
   * The JDBC URL of the embedded database, if this server started one (tests start a second server
   * on it).
   */
  public java.util.Optional<String> embeddedJdbcUrl() {
    return java.util.Optional.ofNullable(embedded).map(EmbeddedDatabase::jdbcUrl);
  }

  @Override
  public void close() {
    if (acme != null) {
      acme.close();
    }
    // the AMI links log off first, while their worker threads still exist
    for (AmiLink link : amiLinks) {
      try {
        await(link.close());
      } catch (RuntimeException e) {
        LOG.warn("error while closing the AMI link {}", link.pbx(), e);
      }
    }
    // then the owners, which write what waits to be written while Vert.x and its worker pools are
    // still whole
    try {
      await(vertx.undeploy(ownersDeployment));
    } catch (RuntimeException e) {
      LOG.warn("error while stopping the owners of agent state and calls", e);
    }
    try {
      await(vertx.close());
    } catch (RuntimeException e) {
      LOG.warn("error while stopping Vert.x", e);
    }
    database.close();
    if (embedded != null) {
      embedded.close();
    }
  }

  private static void registerCodecs(Vertx vertx) {
    LocalCodec.register(vertx, AgentCommand.class);
    LocalCodec.register(vertx, AgentCommandReply.class);
    LocalCodec.register(vertx, AgentStateQuery.class);
    LocalCodec.register(vertx, AgentState.class);
    LocalCodec.register(vertx, AgentStateChanged.class);
    LocalCodec.register(vertx, SessionEnded.class);
    LocalCodec.registerFamily(vertx, PbxEvent.class);
    LocalCodec.register(vertx, CallDataChanged.class);
    LocalCodec.register(vertx, io.tandemcc.call.SipSocketClosed.class);
    LocalCodec.register(vertx, io.tandemcc.call.AgentCallQuery.class);
    LocalCodec.register(vertx, io.tandemcc.call.AgentCallView.Reply.class);
    LocalCodec.register(vertx, AttachData.class);
    LocalCodec.register(vertx, io.tandemcc.call.ConsultRequest.class);
    LocalCodec.register(vertx, io.tandemcc.call.CallConsultChanged.class);
    LocalCodec.register(vertx, io.tandemcc.call.CallRecordingChanged.class);
    LocalCodec.register(vertx, io.tandemcc.call.ConferenceCommand.class);
    LocalCodec.register(vertx, io.tandemcc.call.ConferenceReply.class);
    LocalCodec.register(vertx, io.tandemcc.call.ReattachCommand.class);
    LocalCodec.register(vertx, io.tandemcc.call.ReattachReply.class);
    LocalCodec.register(vertx, io.tandemcc.call.ConferenceChanged.class);
    LocalCodec.register(vertx, io.tandemcc.call.RecordingRequest.class);
    LocalCodec.register(vertx, AttachData.Result.class);
    LocalCodec.register(vertx, QueueActionFailed.class);
    LocalCodec.register(vertx, TeamQuery.class);
    LocalCodec.register(vertx, TeamSnapshot.class);
    LocalCodec.register(vertx, BrowserPresence.class);
    LocalCodec.register(vertx, MonitorCommand.class);
    LocalCodec.register(vertx, MonitorReply.class);
    LocalCodec.register(vertx, MonitorChanged.class);
    LocalCodec.register(vertx, ProvisionPbx.class);
    LocalCodec.register(vertx, io.tandemcc.tenant.RosterChanged.class);
    LocalCodec.register(vertx, ProvisioningResult.class);
    LocalCodec.register(vertx, CallOriginated.class);
    LocalCodec.register(vertx, CallbackDue.class);
    LocalCodec.register(vertx, io.tandemcc.tenant.OutboundClaim.class);
    LocalCodec.register(vertx, io.tandemcc.tenant.OutboundClaim.Reply.class);
  }

  private static int freePort(String host) {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + host, e);
    }
  }

  private static <T> T await(io.vertx.core.Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    }
  }
}
