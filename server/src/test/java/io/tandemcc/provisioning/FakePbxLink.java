package io.tandemcc.provisioning;

import io.tandemcc.pbx.AgentEndpoint;
import io.tandemcc.pbx.PbxCommandException;
import io.tandemcc.pbx.PbxCommands;
import io.tandemcc.pbx.PbxEvent.ChannelListed;
import io.tandemcc.pbx.PbxEvent.QueueMemberListed;
import io.tandemcc.pbx.PbxLink;
import io.tandemcc.pbx.PbxLinkStatus;
import io.tandemcc.pbx.QueueAddResult;
import io.tandemcc.pbx.QueueRef;
import io.tandemcc.pbx.QueueRemoveResult;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A PBX link that records the CLI commands it is asked to run; only {@link PbxCommands#command} is supported. */
final class FakePbxLink implements PbxLink, PbxCommands {
  volatile boolean up = true;
  final List<String> commands = new CopyOnWriteArrayList<>();
  final Set<String> refused = ConcurrentHashMap.newKeySet();

  @Override
  public String pbx() {
    return "fake";
  }

  @Override
  public PbxLinkStatus status() {
    return new PbxLinkStatus("fake", up ? PbxLinkStatus.State.UP : PbxLinkStatus.State.DOWN, Instant.now(), "", 0);
  }

  @Override
  public PbxCommands commands() {
    return this;
  }

  @Override
  public Future<List<String>> command(String cli) {
    commands.add(cli);
    return refused.contains(cli)
        ? Future.failedFuture(new PbxCommandException("fake", "Command", "No such command '" + cli + "'"))
        : Future.succeededFuture(List.of());
  }

  @Override
  public Future<QueueAddResult> queueAdd(QueueRef q, AgentEndpoint a, String name, boolean paused, String reason) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Future<QueueRemoveResult> queueRemove(QueueRef queue, AgentEndpoint agent) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Future<Void> queuePause(QueueRef queue, AgentEndpoint agent, boolean paused, String reason) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Future<Void> queuePauseAll(AgentEndpoint agent, boolean paused, String reason) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Future<List<QueueMemberListed>> queueStatus(QueueRef queue) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Future<List<QueueMemberListed>> queueStatusAll() {
    throw new UnsupportedOperationException();
  }

  @Override
  public Future<List<ChannelListed>> coreShowChannels() {
    throw new UnsupportedOperationException();
  }

  @Override
  public Future<Duration> ping() {
    throw new UnsupportedOperationException();
  }
}
