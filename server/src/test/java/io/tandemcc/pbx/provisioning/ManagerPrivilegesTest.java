package io.tandemcc.pbx.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: the AMI user gets exactly the write classes the actions we send need, and never {@code
 * system}. Asterisk lets an action through when the user may write any one of the classes the
 * action is registered with (0: anyone logged in). The table holds the registrations of Asterisk 22
 * (manager.c, app_queue.c, app_mixmonitor.c, app_confbridge.c, the bridging actions in
 * main/manager_bridges.c / main/bridge.c); check a row on a real Asterisk with {@code manager show
 * command <Action>} ("Privilege:"). The actions are read from pbx.ami's sources, so a new one
 * cannot go out without a row here.
 */
@DisplayName(
    "manager.conf grants the tandem user exactly the write classes of the actions the product sends")
class ManagerPrivilegesTest {
  /**
   * Action → the classes Asterisk registers it under (any one suffices); empty: no class needed.
   */
  static final Map<String, Set<String>> REGISTERED = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

  static {
    // asterisk-java's session: login, version probe, keep-alive, logoff
    register("Challenge");
    register("Login");
    register("Logoff");
    register("Ping");
    register("CoreSettings", "system", "reporting");
    // queue membership (app_queue.c: QueueStatus is registered with 0)
    register("QueueStatus");
    register("QueueAdd", "agent");
    register("QueueRemove", "agent");
    register("QueuePause", "agent");
    // calls
    register("CoreShowChannels", "system", "reporting");
    register("Redirect", "call");
    register("SetVar", "call");
    register("Bridge", "call");
    register("BlindTransfer", "call");
    register("Atxfer", "call");
    register("CancelAtxfer", "call");
    register("Hangup", "system", "call");
    register("PlayDTMF", "call");
    register("MixMonitor", "system", "call");
    register("StopMixMonitor", "system", "call");
    register("ConfbridgeListRooms", "reporting");
    register("ConfbridgeList", "reporting");
    register("Originate", "originate");
    // provisioning reloads
    register("Command", "command");
  }

  private static void register(String action, String... classes) {
    REGISTERED.put(action, Set.of(classes));
  }

  @Test
  @DisplayName(
      "every action pbx.ami sends has its row, and the write classes are exactly those they need")
  void writeClassesAreExactlyTheNeededOnes() throws IOException {
    Set<String> sent = actionsSent();
    assertThat(sent).as("pbx.ami's actions were read").hasSizeGreaterThan(10);
    assertThat(sent).as("actions without a row in REGISTERED").allMatch(REGISTERED::containsKey);

    Set<String> granted = Set.of(write());
    for (Map.Entry<String, Set<String>> row : REGISTERED.entrySet()) {
      if (!row.getValue().isEmpty()) {
        assertThat(row.getValue())
            .as(row.getKey() + " is allowed")
            .containsAnyOf(granted.toArray(String[]::new));
      }
    }
    // the fewest classes: each granted one is the only way for some action we send
    Set<String> needed = new TreeSet<>();
    for (Set<String> classes : REGISTERED.values()) {
      if (!classes.isEmpty()
          && classes.stream()
              .noneMatch(c -> !c.equals("system") && granted.contains(c) && needed.contains(c))) {
        classes.stream().filter(c -> !c.equals("system")).findFirst().ifPresent(needed::add);
      }
    }
    assertThat(granted)
        .containsExactlyInAnyOrderElementsOf(needed)
        .containsExactlyInAnyOrder("call", "agent", "command", "reporting", "originate");
  }

  @Test
  @DisplayName(
      "no system (Originate Application=System, a shell on the PBX host), no all, no config, no user")
  void neverSystem() {
    assertThat(write()).doesNotContain("system", "all", "config", "user", "message");
  }

  private static String[] write() {
    String write = ConfFile.parse(AsteriskConfDir.root(), "manager.conf").value("tandem", "write");
    return Arrays.stream(write.split(","))
        .map(s -> s.trim().toLowerCase(Locale.ROOT))
        .toArray(String[]::new);
  }

  /**
   * asterisk-java action classes pbx.ami imports, and the names of the actions it defines itself.
   */
  static Set<String> actionsSent() throws IOException {
    Path ami = source("io/tandemcc/pbx/ami");
    Pattern imported =
        Pattern.compile("import org\\.asteriskjava\\.manager\\.action\\.(\\w+)Action;");
    Pattern own = Pattern.compile("getAction\\(\\)\\s*\\{\\s*return \"(\\w+)\";");
    Set<String> names = new HashSet<>();
    try (Stream<Path> files = Files.list(ami)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String text = Files.readString(file);
        for (Pattern p : List.of(imported, own)) {
          Matcher m = p.matcher(text);
          while (m.find()) {
            names.add(m.group(1));
          }
        }
      }
    }
    names.removeAll(Set.of("Manager", "AbstractManager", "EventGenerating"));
    return names.stream()
        .collect(Collectors.toCollection(() -> new TreeSet<>(String.CASE_INSENSITIVE_ORDER)));
  }

  private static Path source(String pkg) {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      for (Path candidate :
          List.of(
              p.resolve("src/main/java").resolve(pkg),
              p.resolve("server/src/main/java").resolve(pkg))) {
        if (Files.isDirectory(candidate)) {
          return candidate;
        }
      }
    }
    throw new IllegalStateException("no sources of " + pkg);
  }
}
