package io.tandemcc.pbx.ami;

import java.time.Duration;
import java.util.Objects;

/**
 * How to reach one Asterisk over AMI.
 *
 * @param id our name for this PBX (appears in logs, link events and errors)
 * @param secret the AMI secret; never logged ({@link #toString()} masks it)
 * @param connectTimeout TCP connect timeout
 * @param actionTimeout how long an action may wait for its response (and a list action for its last
 *     event)
 * @param pingInterval keep-alive period; a failed Ping drops the link and reconnects
 * @param reconnectMin first reconnect delay; doubled after each failed attempt
 * @param reconnectMax upper bound of the reconnect delay
 * @param bootWait how long to wait for {@code FullyBooted} after login before declaring the link up
 *     anyway
 */
public record AmiConfig(
    String id,
    String host,
    int port,
    String username,
    String secret,
    Duration connectTimeout,
    Duration actionTimeout,
    Duration pingInterval,
    Duration reconnectMin,
    Duration reconnectMax,
    Duration bootWait) {

  public static final int DEFAULT_PORT = 5038;

  public AmiConfig {
    requireText(id, "id");
    requireText(host, "host");
    requireText(username, "username");
    Objects.requireNonNull(secret, "secret");
    if (port <= 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    requirePositive(connectTimeout, "connectTimeout");
    requirePositive(actionTimeout, "actionTimeout");
    requirePositive(pingInterval, "pingInterval");
    requirePositive(reconnectMin, "reconnectMin");
    requirePositive(reconnectMax, "reconnectMax");
    requirePositive(bootWait, "bootWait");
    if (reconnectMax.compareTo(reconnectMin) < 0) {
      throw new IllegalArgumentException("reconnectMax must not be below reconnectMin");
    }
  }

  /**
   * A configuration with production defaults: 5 s timeouts, Ping every 20 s, reconnect 0.5 s
   * doubling to 30 s.
   */
  public static AmiConfig of(String id, String host, int port, String username, String secret) {
    return new AmiConfig(
        id,
        host,
        port,
        username,
        secret,
        Duration.ofSeconds(5),
        Duration.ofSeconds(5),
        Duration.ofSeconds(20),
        Duration.ofMillis(500),
        Duration.ofSeconds(30),
        Duration.ofSeconds(10));
  }

  public AmiConfig withTimeouts(Duration connect, Duration action) {
    return new AmiConfig(
        id,
        host,
        port,
        username,
        secret,
        connect,
        action,
        pingInterval,
        reconnectMin,
        reconnectMax,
        bootWait);
  }

  public AmiConfig withPingInterval(Duration interval) {
    return new AmiConfig(
        id,
        host,
        port,
        username,
        secret,
        connectTimeout,
        actionTimeout,
        interval,
        reconnectMin,
        reconnectMax,
        bootWait);
  }

  public AmiConfig withReconnect(Duration min, Duration max) {
    return new AmiConfig(
        id,
        host,
        port,
        username,
        secret,
        connectTimeout,
        actionTimeout,
        pingInterval,
        min,
        max,
        bootWait);
  }

  public AmiConfig withBootWait(Duration wait) {
    return new AmiConfig(
        id,
        host,
        port,
        username,
        secret,
        connectTimeout,
        actionTimeout,
        pingInterval,
        reconnectMin,
        reconnectMax,
        wait);
  }

  @Override
  public String toString() {
    return "AmiConfig[id="
        + id
        + ", "
        + username
        + "@"
        + host
        + ":"
        + port
        + ", secret=****, ping="
        + pingInterval
        + ", reconnect="
        + reconnectMin
        + ".."
        + reconnectMax
        + "]";
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }

  private static void requirePositive(Duration value, String name) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
