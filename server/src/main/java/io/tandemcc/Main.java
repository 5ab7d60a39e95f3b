package io.tandemcc;

import io.tandemcc.admin.AdminCommand;
import io.tandemcc.config.AppConfig;
import io.tandemcc.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the server with the configuration from the environment (see config/reference.env); {@code
 * admin …} runs the administration command instead ({@link AdminCommand}).
 */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("admin")) {
      System.exit(AdminCommand.main(java.util.List.of(args).subList(1, args.length)));
      return;
    }
    AppConfig config;
    try {
      config = AppConfig.fromEnvironment(System.getenv());
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    try {
      Server server = Server.start(config);
      Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shutdown"));
    } catch (RuntimeException e) {
      LOG.error("the server could not start: {}", e.getMessage(), e);
      System.exit(1);
    }
  }
}
