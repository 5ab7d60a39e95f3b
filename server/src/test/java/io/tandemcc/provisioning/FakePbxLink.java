package io.tandemcc.provisioning;

import io.tandemcc.pbx.PbxCommandException;
import io.tandemcc.pbx.PbxCommands;
import io.tandemcc.pbx.PbxLink;
import io.tandemcc.pbx.PbxLinkStatus;
import io.vertx.core.Future;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A PBX link that records the CLI commands it is asked to run. Only {@link PbxCommands#command} is
 * supported (a proxy, so the fake does not have to follow every new command of the interface).
 */
final class FakePbxLink implements PbxLink {
  volatile boolean up = true;
  final List<String> commands = new CopyOnWriteArrayList<>();
  final Set<String> refused = ConcurrentHashMap.newKeySet();
  private final PbxCommands proxy =
      (PbxCommands)
          Proxy.newProxyInstance(
              PbxCommands.class.getClassLoader(),
              new Class<?>[] {PbxCommands.class},
              (self, method, args) -> {
                if (method.getName().equals("command")) {
                  return command((String) args[0]);
                }
                if (method.getDeclaringClass() == Object.class) {
                  return method.getName().equals("toString")
                      ? "FakePbxLink"
                      : method.invoke(this, args);
                }
                throw new UnsupportedOperationException(method.getName());
              });

  @Override
  public String pbx() {
    return "fake";
  }

  @Override
  public PbxLinkStatus status() {
    return new PbxLinkStatus(
        "fake", up ? PbxLinkStatus.State.UP : PbxLinkStatus.State.DOWN, Instant.now(), "", 0);
  }

  @Override
  public PbxCommands commands() {
    return proxy;
  }

  private Future<List<String>> command(String cli) {
    commands.add(cli);
    return refused.contains(cli)
        ? Future.failedFuture(
            new PbxCommandException("fake", "Command", "No such command '" + cli + "'"))
        : Future.succeededFuture(List.of());
  }
}
