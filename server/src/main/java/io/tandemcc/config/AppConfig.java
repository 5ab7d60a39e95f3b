package io.tandemcc.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The server's whole configuration, read once at start-up from environment variables and validated.
 * Every setting, its default and its meaning is listed in {@code config/reference.env} at the
 * project root.
 */
public record AppConfig(
    Mode mode,
    String httpHost,
    int httpPort,
    Optional<Path> portFile,
    Optional<Path> webrootDir,
    Path dataDir,
    Optional<DatabaseSettings> database,
    Optional<String> jwtSecret,
    Duration accessTokenTtl,
    Duration sessionIdleTimeout,
    boolean demoData,
    boolean secureCookies,
    SipSettings sip,
    Optional<AmiSettings> ami,
    Optional<Path> pbxConfigDir,
    TrustedProxies trustedProxies,
    MetricsSettings metrics,
    TlsSettings tls,
    PresenceSettings presence,
    /**
     * Where the PBX writes call recordings (MixMonitor's directory); the call history serves files
     * under it.
     */
    Path recordingsDir,
    DatabaseTimeouts databaseTimeouts,
    boolean phoneSystem,
    boolean demoCalls,
    /**
     * How often the reports' day rollup is filled ahead of its readers (REPORT_ROLLUP_MINUTES);
     * zero: never.
     */
    Duration reportRollupEvery) {

  public enum Mode {
    /** Friendly defaults: embedded PostgreSQL, generated secrets, demo tenant. */
    DEV,
    /** Refuses to start without a real database, a real JWT secret and without demo users. */
    PROD
  }

  /**
   * Whether a phone system is configured at all ({@code AMI_HOST} or {@code ASTERISK_WS_URL} set):
   * without one (development without Asterisk) the webphone is told so instead of reconnecting
   * forever. The demo call simulator ({@code demoCalls}, development only) plays queue calls over
   * an in-process AMI peer; it has no SIP side.
   */
  public boolean hasPhoneSystem() {
    return phoneSystem;
  }

  /** The Asterisk Manager Interface of the PBX; absent = no PBX (development without Asterisk). */
  public record AmiSettings(
      String pbxId, String host, int port, String username, String secret, Duration timeout) {
    @Override
    public String toString() {
      return "AmiSettings[pbx="
          + pbxId
          + ", "
          + username
          + "@"
          + host
          + ":"
          + port
          + ", secret=***]";
    }
  }

  /** Connection to an external PostgreSQL. */
  public record DatabaseSettings(String jdbcUrl, String user, String password) {
    @Override
    public String toString() {
      return "DatabaseSettings[jdbcUrl="
          + DatabaseUrls.forLog(jdbcUrl)
          + ", user="
          + user
          + ", password=***]";
    }
  }

  /**
   * How long a query waits for a database connection, and a statement may run (issue 15: seconds,
   * so an outage answers 503 at once instead of holding requests).
   */
  public record DatabaseTimeouts(Duration connect, Duration query) {}

  @Override
  public String toString() {
    return "AppConfig[mode="
        + mode
        + ", http="
        + httpHost
        + ":"
        + httpPort
        + ", dataDir="
        + dataDir
        + ", database="
        + database.map(d -> DatabaseUrls.forLog(d.jdbcUrl())).orElse("embedded")
        + ", jwtSecret="
        + (jwtSecret.isPresent() ? "set" : "generated")
        + ", accessTokenTtl="
        + accessTokenTtl
        + ", sessionIdleTimeout="
        + sessionIdleTimeout
        + ", demoData="
        + demoData
        + ", sip="
        + sip
        + ", ami="
        + ami.map(Object::toString).orElse("none")
        + ", pbxConfigDir="
        + pbxConfigDir.map(Path::toString).orElse("none")
        + ", trustedProxies="
        + trustedProxies
        + ", metrics="
        + metrics
        + ", tls="
        + tls
        + ", presence="
        + presence
        + ", databaseTimeouts="
        + databaseTimeouts
        + ", phoneSystem="
        + phoneSystem
        + ", demoCalls="
        + demoCalls
        + "]";
  }

  /** Reads and validates the configuration; every problem found is reported at once. */
  public static AppConfig fromEnvironment(Map<String, String> env) {
    List<String> errors = new ArrayList<>();
    EnvReader r = new EnvReader(env, errors);
    Mode mode = r.enumValue("CC_MODE", Mode.class, Mode.DEV);
    boolean dev = mode == Mode.DEV;
    String host = r.string("HTTP_HOST", dev ? "127.0.0.1" : "0.0.0.0");
    int port = r.integer("HTTP_PORT", 8080, 0, 65535);
    Optional<Path> portFile = r.optional("PORT_FILE").map(Path::of);
    Optional<Path> webroot = r.optional("WEBROOT_DIR").map(Path::of);
    Path dataDir = Path.of(r.string("DATA_DIR", "data")).toAbsolutePath();
    Optional<DatabaseSettings> db =
        r.optional("DATABASE_URL")
            .map(
                url ->
                    DatabaseUrls.parse(
                        url, r.optional("DATABASE_USER"), r.optional("DATABASE_PASSWORD"), errors));
    Optional<String> jwtSecret = r.optional("JWT_SECRET");
    Duration accessTtl = Duration.ofSeconds(r.integer("ACCESS_TOKEN_TTL_SECONDS", 600, 30, 3600));
    Duration idle = Duration.ofHours(r.integer("SESSION_IDLE_HOURS", 12, 1, 24 * 30));
    boolean demo = r.bool("DEMO_DATA", dev);
    SipSettings sip = SipSettings.read(r, errors);
    Optional<AmiSettings> ami =
        r.optional("AMI_HOST")
            .map(
                amiHost ->
                    new AmiSettings(
                        r.string("PBX_ID", "asterisk"),
                        amiHost,
                        r.integer("AMI_PORT", 5038, 1, 65535),
                        r.string("AMI_USERNAME", "tandem"),
                        r.optional("AMI_SECRET")
                            .orElseGet(
                                () -> {
                                  errors.add("AMI_SECRET is required when AMI_HOST is set");
                                  return "";
                                }),
                        Duration.ofSeconds(r.integer("AMI_TIMEOUT_SECONDS", 10, 1, 120))));
    Optional<Path> pbxConfigDir =
        r.optional("PBX_CONFIG_DIR").map(dir -> Path.of(dir).toAbsolutePath());
    boolean phoneSystem = ami.isPresent() || r.optional("ASTERISK_WS_URL").isPresent();
    // the demo call simulator: on by default in development when no phone system is configured
    // (README, reference.env)
    boolean demoCalls = r.bool("DEMO_CALLS", dev && !phoneSystem);
    TrustedProxies trustedProxies =
        r.optional("TRUSTED_PROXIES")
            .map(list -> TrustedProxies.parse(list, errors))
            .orElseGet(TrustedProxies::none);
    MetricsSettings metrics = MetricsSettings.read(r, errors);
    TlsSettings tls = TlsSettings.read(r, errors, dev, !trustedProxies.isEmpty());
    // Secure cookies in production (TLS there, or at its proxy) and whenever this server speaks TLS
    // itself
    boolean secureCookies = r.bool("SECURE_COOKIES", !dev || tls.enabled());
    PresenceSettings presence = PresenceSettings.read(r);
    Path recordingsDir =
        Path.of(
                r.string(
                    "RECORDINGS_DIR",
                    dev ? dataDir.resolve("recordings").toString() : "/var/spool/asterisk/monitor"))
            .toAbsolutePath()
            .normalize();

    DatabaseTimeouts dbTimeouts =
        new DatabaseTimeouts(
            Duration.ofSeconds(r.integer("DB_CONNECT_TIMEOUT_SECONDS", 3, 1, 60)),
            Duration.ofSeconds(r.integer("DB_QUERY_TIMEOUT_SECONDS", 10, 1, 600)));

    if (!dev) {
      if (db.isEmpty()) {
        errors.add("DATABASE_URL is required in production mode (CC_MODE=prod)");
      }
      if (jwtSecret.isEmpty()) {
        errors.add("JWT_SECRET is required in production mode (CC_MODE=prod)");
      }
      if (sip.upstreamSecret().isEmpty()) {
        errors.add(
            "SIP_UPSTREAM_SECRET is required in production mode: the agents' SIP passwords towards Asterisk");
      }
      if (demo) {
        errors.add(
            "DEMO_DATA=true is refused in production mode: demo users have published passwords");
      }
      if (ami.isEmpty()) {
        errors.add(
            "AMI_HOST and AMI_SECRET are required in production mode: the server needs its Asterisk");
      }
      if (demoCalls) {
        errors.add(
            "DEMO_CALLS=on is refused in production mode: the call simulator plays made-up calls");
      }
      if (!secureCookies) {
        errors.add(
            "SECURE_COOKIES=false is refused in production mode: serve the client over HTTPS");
      }
    }
    jwtSecret.ifPresent(
        s -> {
          if (s.length() < 32) {
            errors.add("JWT_SECRET must be at least 32 characters long");
          }
        });
    if (demoCalls && ami.isPresent()) {
      errors.add(
          "DEMO_CALLS=on and AMI_HOST exclude each other: the call simulator stands in for Asterisk's AMI");
    }
    Duration reportRollupEvery =
        Duration.ofMinutes(r.integer("REPORT_ROLLUP_MINUTES", 60, 0, 24 * 60));
    if (!errors.isEmpty()) {
      throw new ConfigException(errors);
    }
    return new AppConfig(
        mode,
        host,
        port,
        portFile,
        webroot,
        dataDir,
        db,
        jwtSecret,
        accessTtl,
        idle,
        demo,
        secureCookies,
        sip,
        ami,
        pbxConfigDir,
        trustedProxies,
        metrics,
        tls,
        presence,
        recordingsDir,
        dbTimeouts,
        phoneSystem,
        demoCalls,
        reportRollupEvery);
  }
}
