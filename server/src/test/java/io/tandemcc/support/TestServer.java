package io.tandemcc.support;

import io.tandemcc.Server;
import io.tandemcc.config.AppConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The whole server, started once per test JVM on a real (embedded) PostgreSQL in a fresh temporary
 * directory and a random free port on 127.0.0.1; it stops when the JVM exits. Tests isolate themselves by
 * creating their own tenants ({@link TestTenants}).
 */
public final class TestServer {
  private static Server server;

  private TestServer() {}

  public static synchronized Server get() {
    if (server == null) {
      try {
        Path dir = Files.createTempDirectory("tandemcc-test");
        AppConfig config = AppConfig.fromEnvironment(Map.of(
            "CC_MODE", "dev",
            "HTTP_HOST", "127.0.0.1",
            "HTTP_PORT", "0",
            "DATA_DIR", dir.toString(),
            "DEMO_DATA", "true"));
        server = Server.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return server;
  }
}
