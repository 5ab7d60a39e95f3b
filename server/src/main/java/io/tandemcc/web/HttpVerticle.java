package io.tandemcc.web;

import io.tandemcc.agent.AgentStateClient;
import io.tandemcc.auth.AccessTokens;
import io.tandemcc.auth.ApiKeys;
import io.tandemcc.auth.LoginService;
import io.tandemcc.call.CallOffered;
import io.tandemcc.call.ClickToDialService;
import io.tandemcc.call.Dispositions;
import io.tandemcc.callback.Callbacks;
import io.tandemcc.common.ApiException;
import io.tandemcc.common.LocalTopic;
import io.tandemcc.config.TrustedProxies;
import io.tandemcc.pbx.PbxLinks;
import io.tandemcc.push.PushHub;
import io.tandemcc.sip.SipGateway;
import io.tandemcc.sip.SipProxy;
import io.tandemcc.supervisor.Supervision;
import io.tandemcc.tenant.TenantDirectory;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * The HTTP edge: REST API, the push WebSocket, the SIP WebSocket and the web client's files.
 * Several instances may run, one per event loop; each has its own {@link PushHub} and {@link
 * SipProxy}.
 */
public final class HttpVerticle extends VerticleBase {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HttpVerticle.class);
  static final int MAX_BODY_BYTES = 16 * 1024;
  static final int MAX_WEBSOCKET_FRAME = 64 * 1024;

  /** What every instance needs; built once by Main. */
  public record Dependencies(
      String host,
      int port,
      Optional<Path> webrootDir,
      boolean secureCookies,
      long sessionCookieMaxAgeSeconds,
      TrustedProxies trustedProxies,
      AccessTokens tokens,
      LoginService logins,
      AgentStateClient agents,
      TenantDirectory directory,
      SipGateway sip,
      PbxLinks pbx,
      ApiKeys apiKeys,
      Supervision supervision,
      Clock clock,
      io.tandemcc.call.CallControl callControl,
      io.tandemcc.call.CallControlRepository callControlRepository,
      Dispositions dispositions,
      Callbacks callbacks,
      ClickToDialService dialer,
      LocalTopic<CallOffered> offered,
      LocalTopic<io.tandemcc.supervisor.TeamUpdate> teamUpdates,
      /** Send Strict-Transport-Security (production mode: served behind TLS). */
      boolean strictTransportSecurity,
      /** Whether the database answers (and the state journal writes): part of /api/health. */
      io.tandemcc.db.DatabaseHealth database,
      io.tandemcc.tenant.TenantAdministration tenantAdministration,
      io.tandemcc.admin.AdminApi admin,
      AdminConfigRoutes.UseCases adminConfig,
      io.tandemcc.metrics.ServerMetrics metrics,
      io.tandemcc.config.MetricsSettings metricsSettings,
      /** null: plain HTTP */
      TlsCertificates tls,
      java.time.Duration tlsReloadCheck,
      /** How often the push and SIP sockets are pinged (SOCKET_PING_SECONDS). */
      java.time.Duration socketPing,
      io.tandemcc.history.CallHistory history,
      io.tandemcc.report.Reports reports) {}

  private final Dependencies deps;
  private HttpServer server;
  private io.vertx.core.net.PemKeyCertOptions currentCertificate;
  private long tlsTimer = -1;
  private PushHub push;
  private SipProxy sip;
  private volatile java.util.List<MountedRoute> mounted = java.util.List.of();

  public HttpVerticle(Dependencies deps) {
    this.deps = deps;
  }

  /** One route of the router as mounted: its path (":name" parameters) and methods (none: all). */
  public record MountedRoute(String path, boolean exact, java.util.Set<String> methods) {}

  /** What the router mounts, in order: the OpenAPI test compares it with the description. */
  public java.util.List<MountedRoute> mountedRoutes() {
    return mounted;
  }

  /** The port actually bound (useful when configured as 0). */
  public int actualPort() {
    return server.actualPort();
  }

  @Override
  public Future<?> start() {
    Authenticated authenticated = new Authenticated(deps.tokens());
    push =
        new PushHub(
            vertx,
            deps.tokens(),
            deps.agents(),
            deps.directory(),
            deps.pbx(),
            deps.clock(),
            deps.offered(),
            deps.teamUpdates(),
            deps.socketPing(),
            deps.metrics()::screenPop);
    PushHub hub = push;
    io.micrometer.core.instrument.Gauge.builder(
            "tandem_push_connections", hub, PushHub::connectionCount)
        .tag("hub", Integer.toHexString(System.identityHashCode(hub)))
        .description("Browser push sockets open on one HTTP event loop")
        .register(deps.metrics().registry());
    sip = deps.sip().newProxy(vertx, deps.socketPing());
    SipRoutes sipRoutes = new SipRoutes(deps.sip().access(), sip, authenticated);

    Router router = Router.router(vertx);
    router.route().handler(RequestIds::assign);
    router.route().handler(new SecurityHeaders(deps.strictTransportSecurity())::handle);
    // the WebSocket upgrade must see the request before any body handler reads it
    router.route("/api/push").handler(this::upgradeToPush);
    sipRoutes.mountWebSocket(router);
    router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
    router.get("/api/health").handler(this::health);
    new OpenApiRoutes().mount(router);
    new MetricsRoutes(deps.metrics(), deps.metricsSettings()).mount(router);
    new AuthRoutes(
            deps.logins(),
            authenticated,
            deps.secureCookies(),
            deps.sessionCookieMaxAgeSeconds(),
            deps.trustedProxies())
        .mount(router);
    new AgentRoutes(deps.agents(), deps.directory(), authenticated, deps.clock()).mount(router);
    new CallRoutes(deps.directory(), deps.apiKeys(), authenticated, deps.supervision())
        .mount(router);
    new ConferenceRoutes(authenticated).mount(router);
    new ReattachRoutes(authenticated).mount(router);
    new DirectoryRoutes(deps.agents(), deps.directory(), authenticated).mount(router);
    new CallControlRoutes(deps.callControl(), deps.callControlRepository(), authenticated)
        .mount(router);
    sipRoutes.mount(router);
    new SupervisorRoutes(deps.supervision(), authenticated, deps.clock()).mount(router);
    new DispositionRoutes(deps.dispositions(), authenticated).mount(router);
    new CallbackRoutes(deps.callbacks(), authenticated).mount(router);
    new DialRoutes(deps.dialer(), deps.apiKeys()).mount(router);
    new SystemRoutes(deps.tenantAdministration(), authenticated).mount(router);
    new AdminRoutes(
            deps.admin().users(),
            new AdminGroupRoutes(deps.admin().groups(), deps.admin().extensions()),
            authenticated)
        .mount(router);
    new AdminConfigRoutes(deps.adminConfig(), authenticated).mount(router);
    new HistoryRoutes(deps.history(), deps.supervision(), authenticated).mount(router);
    new ReportRoutes(deps.reports(), authenticated).mount(router);
    new AdminAuditRoutes(deps.admin().audit(), authenticated).mount(router);
    router
        .route("/api/*")
        .handler(ctx -> ctx.fail(ApiException.notFound("There is no such API endpoint.")));
    mountWebClient(router);
    router.route().failureHandler(Problems::handleFailure);
    mounted =
        router.getRoutes().stream()
            .map(
                r ->
                    new MountedRoute(
                        // a route with path parameters is a regex route named by its path
                        r.getPath() != null ? r.getPath() : r.getName() != null ? r.getName() : "/",
                        r.getPath() != null ? r.isExactPath() : r.getName() != null,
                        r.methods() == null
                            ? java.util.Set.of()
                            : r.methods().stream()
                                .map(io.vertx.core.http.HttpMethod::name)
                                .collect(java.util.stream.Collectors.toUnmodifiableSet())))
            .toList();

    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(deps.host())
            .setPort(deps.port())
            .setMaxWebSocketFrameSize(MAX_WEBSOCKET_FRAME)
            .setMaxWebSocketMessageSize(MAX_WEBSOCKET_FRAME)
            // no WebSocket compression: the frame limit counts compressed bytes, and one 40 KiB
            // deflated frame
            // inflated to 30 MiB on every socket; our messages are small, compression buys nothing
            .setPerFrameWebSocketCompressionSupported(false)
            .setPerMessageWebSocketCompressionSupported(false)
            .setDecompressionSupported(false)
            .addWebSocketSubProtocol("sip")
            .setCompressionSupported(true);
    io.vertx.core.net.PemKeyCertOptions certificate = deps.tls() == null ? null : deps.tls().read();
    if (certificate != null) {
      options.setSsl(true).setKeyCertOptions(certificate);
      currentCertificate = certificate;
      // a renewed certificate (certbot rewrites the files; a new self-signed one) is served without
      // a restart
      tlsTimer = vertx.setPeriodic(deps.tlsReloadCheck().toMillis(), id -> reloadCertificate());
    }
    return push.start()
        .compose(v -> sip.start())
        .compose(v -> vertx.createHttpServer(options).requestHandler(router).listen())
        .onSuccess(s -> server = s);
  }

  private void reloadCertificate() {
    if (server == null) {
      return;
    }
    io.vertx.core.net.PemKeyCertOptions now;
    try {
      now = deps.tls().read();
    } catch (RuntimeException e) {
      LOG.warn("keeping the current TLS certificate: {}", e.getMessage());
      return;
    }
    if (TlsCertificates.same(now, currentCertificate)) {
      return;
    }
    server
        .updateSSLOptions(new io.vertx.core.net.ServerSSLOptions().setKeyCertOptions(now))
        .onComplete(
            ar -> {
              if (ar.succeeded()) {
                currentCertificate = now;
                LOG.info("serving the renewed TLS certificate from {}", deps.tls().certFile());
              } else {
                LOG.warn(
                    "keeping the current TLS certificate: the new one in {} is not usable: {}",
                    deps.tls().certFile(),
                    ar.cause().getMessage());
              }
            });
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(tlsTimer);
    if (push != null) {
      push.stop();
    }
    if (sip != null) {
      sip.stop();
    }
    return server == null ? Future.succeededFuture() : server.close();
  }

  /**
   * Up when the server runs; "degraded" (HTTP 503) when a configured PBX link is down, the database
   * does not answer or the state journal cannot be written; {@code degraded} names those parts.
   */
  private void health(RoutingContext ctx) {
    JsonArray links = new JsonArray();
    deps.pbx()
        .statuses()
        .forEach(
            s ->
                links.add(
                    new JsonObject()
                        .put("id", s.pbx())
                        .put("state", s.state().name())
                        .put("since", s.since().toString())
                        .put("lastError", s.lastError())));
    io.tandemcc.db.DatabaseHealth.Status db = deps.database().status();
    JsonArray degraded = new JsonArray();
    if (!deps.pbx().allUp()) {
      degraded.add("pbx");
    }
    if (!db.up()) {
      degraded.add("database");
    }
    db.problems().keySet().forEach(degraded::add);
    boolean up = degraded.isEmpty();
    ctx.response().setStatusCode(up ? 200 : 503).putHeader("Cache-Control", "no-store");
    ctx.json(
        new JsonObject()
            .put("status", up ? "up" : "degraded")
            .put("degraded", degraded)
            .put("pbx", links)
            .put(
                "database",
                new JsonObject()
                    .put("state", db.up() ? "UP" : "DOWN")
                    .put("since", db.since().toString())
                    .put("lastError", db.lastError())
                    .put("deadLetters", new JsonObject(new java.util.HashMap<>(db.deadLetters())))
                    .put("problems", new JsonObject(new java.util.HashMap<>(db.problems())))));
  }

  private void upgradeToPush(RoutingContext ctx) {
    ctx.request()
        .toWebSocket()
        .onComplete(
            ar -> {
              if (ar.succeeded()) {
                push.accept(ar.result());
              } else if (!ctx.response().ended()) {
                ctx.fail(
                    ApiException.badRequest(
                        "websocket-required", "This address only accepts WebSocket upgrades."));
              }
            });
  }

  private void mountWebClient(Router router) {
    // hashed build assets never change: cache them for good; everything else (index.html) is
    // revalidated, so
    // an upgraded server never leaves browsers on an old page that points at assets which no longer
    // exist
    // (a StaticHandler on a wildcard route serves the path after the route's prefix: hence the
    // assets directory)
    router
        .route("/assets/*")
        .handler(staticFiles("assets").setCachingEnabled(true).setMaxAgeSeconds(365L * 24 * 3600));
    // a missing asset (an old hash, a source map: none is built) is a 404, not the client's page
    router
        .route("/assets/*")
        .handler(ctx -> ctx.fail(ApiException.notFound("There is no such file.")));
    router
        .route("/*")
        .handler(
            ctx -> {
              ctx.response().putHeader("Cache-Control", "no-cache");
              ctx.next();
            });
    router.route("/*").handler(staticFiles("").setCachingEnabled(false).setIndexPage("index.html"));
    // the client routes in the browser: unknown non-API paths get the client's page
    router.get("/*").handler(ctx -> ctx.reroute("/index.html"));
  }

  private StaticHandler staticFiles(String subdirectory) {
    return deps.webrootDir()
        .map(
            dir ->
                StaticHandler.create(
                    FileSystemAccess.ROOT, dir.resolve(subdirectory).toAbsolutePath().toString()))
        .orElseGet(
            () ->
                StaticHandler.create(
                    subdirectory.isEmpty() ? "webroot" : "webroot/" + subdirectory));
  }
}
