package io.tandemcc.support;

import io.tandemcc.Server;
import io.tandemcc.config.AppConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The whole server, started once per test JVM on a real (embedded) PostgreSQL in a fresh temporary
 * directory and a random free port on 127.0.0.1; it stops when the JVM exits. The loopback counts
 * as a trusted reverse proxy, so tests can present a client address in {@code X-Forwarded-For}.
 * Tests isolate themselves by creating their own tenants ({@link TestTenants}).
 */
public final class TestServer {
  /** ICE settings of the test server, so tests can check what a SIP ticket hands out. */
  public static final String STUN_URL = "stun:stun.test.invalid:3478";

  public static final String TURN_URL = "turn:turn.test.invalid:3478?transport=udp";
  public static final String TURN_SECRET = "test-turn-secret-0123456789";

  /**
   * The agents' upstream SIP passwords derive from it, so tests can check the proxy's digest
   * answers.
   */
  public static final String SIP_UPSTREAM_SECRET = "test-sip-upstream-secret-0123456789-abcdef";

  private static Server server;
  private static int asteriskPort;
  private static Path recordingsDir;

  private TestServer() {}

  /**
   * The port of the server's upstream Asterisk WebSocket ({@code ASTERISK_WS_URL}, path {@code
   * /ws}): nothing listens there unless a test starts a {@link FakeAsterisk} on it.
   */
  public static synchronized int asteriskPort() {
    get();
    return asteriskPort;
  }

  /** The server's {@code RECORDINGS_DIR}: tests put the files of their call_recording rows here. */
  public static synchronized Path recordingsDir() {
    get();
    return recordingsDir;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }

  public static synchronized Server get() {
    if (server == null) {
      try {
        Path dir = Files.createTempDirectory("tandemcc-test");
        asteriskPort = freePort();
        Map<String, String> env =
            new HashMap<>(
                Map.of(
                    "CC_MODE",
                    "dev",
                    "HTTP_HOST",
                    "127.0.0.1",
                    "HTTP_PORT",
                    "0",
                    "DATA_DIR",
                    dir.toString(),
                    "DEMO_DATA",
                    "true",
                    "ASTERISK_WS_URL",
                    "ws://127.0.0.1:" + asteriskPort + "/ws",
                    "STUN_URLS",
                    STUN_URL,
                    "TURN_URLS",
                    TURN_URL,
                    "TURN_SECRET",
                    TURN_SECRET,
                    "TRUSTED_PROXIES",
                    "127.0.0.1"));
        env.put("SIP_UPSTREAM_SECRET", SIP_UPSTREAM_SECRET);
        recordingsDir = Files.createDirectories(dir.resolve("recordings"));
        env.put("RECORDINGS_DIR", recordingsDir.toString());
        // the rollup warmer would fill the day rollup of every test tenant while report tests count
        // its rows
        env.put("REPORT_ROLLUP_MINUTES", "0");
        server = Server.start(AppConfig.fromEnvironment(env));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return server;
  }
}
