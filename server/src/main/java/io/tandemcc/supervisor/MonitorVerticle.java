package io.tandemcc.supervisor;

import io.tandemcc.pbx.PbxAddresses;
import io.tandemcc.pbx.PbxCommands;
import io.tandemcc.pbx.PbxEvent;
import io.tandemcc.pbx.SpyMode;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The owner of supervisors' monitoring calls: at most one per supervisor. Starting one rings the
 * supervisor's own phone into the agent's call; asking for another mode on the same agent switches
 * the running call (no new call); asking for another agent ends the running call first. A
 * monitoring call ends when the supervisor stops it, hangs up, or the agent's call ends. Every
 * change is published as {@link MonitorChanged}. All state is touched on this verticle's event loop
 * only.
 */
public final class MonitorVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(MonitorVerticle.class);
  private final PbxCommands pbx;
  private final Map<SupervisorKey, Session> sessions = new HashMap<>();

  public MonitorVerticle(PbxCommands pbx) {
    this.pbx = pbx;
  }

  private record SupervisorKey(long tenantId, long userId) {}

  /** One supervisor's monitoring call; {@code leg} is null while the supervisor's phone rings. */
  private static final class Session {
    final long agentId;
    SpyMode mode;
    String leg;

    Session(long agentId, SpyMode mode) {
      this.agentId = agentId;
      this.mode = mode;
    }
  }

  @Override
  public Future<?> start() {
    var commands =
        vertx.eventBus().<MonitorCommand>consumer(SupervisorAddresses.MONITOR, this::onCommand);
    var events = vertx.eventBus().<PbxEvent>consumer(PbxAddresses.EVENTS, m -> onPbx(m.body()));
    return Future.all(commands.completion(), events.completion());
  }

  private void onCommand(Message<MonitorCommand> message) {
    MonitorCommand cmd = message.body();
    SupervisorKey key = new SupervisorKey(cmd.tenantId(), cmd.supervisorUserId());
    if (cmd.spy() == null) {
      stop(key, cmd.agentId()).onComplete(ar -> message.reply(ar.result()));
    } else {
      start(key, cmd).onComplete(ar -> message.reply(ar.result()));
    }
  }

  private Future<MonitorReply> start(SupervisorKey key, MonitorCommand cmd) {
    SpyMode mode = cmd.spy().mode();
    Session running = sessions.get(key);
    if (running != null && running.leg == null) {
      return Future.succeededFuture(
          MonitorReply.refused(
              409,
              "monitor-connecting",
              "Your phone is still ringing for your last monitoring call; answer it or wait."));
    }
    if (running != null && running.agentId == cmd.agentId()) {
      if (running.mode == mode) {
        return Future.succeededFuture(new MonitorReply(mode, true, null));
      }
      return pbx.spyMode(running.leg, mode)
          .transform(
              ar -> {
                if (ar.failed()) {
                  return Future.succeededFuture(pbxRefused(ar.cause()));
                }
                running.mode = mode;
                publish(key, running, true);
                return Future.succeededFuture(new MonitorReply(mode, true, null));
              });
    }
    Future<Void> previous = running == null ? Future.succeededFuture() : end(key, running);
    return previous.compose(v -> call(key, cmd));
  }

  private Future<MonitorReply> call(SupervisorKey key, MonitorCommand cmd) {
    Session session = new Session(cmd.agentId(), cmd.spy().mode());
    sessions.put(key, session);
    return pbx.spy(cmd.spy())
        .transform(
            ar -> {
              if (sessions.get(key) != session) { // stopped while the phone rang
                if (ar.succeeded()) {
                  pbx.hangup(ar.result());
                }
                return Future.succeededFuture(
                    MonitorReply.refused(
                        409,
                        "monitor-stopped",
                        "The monitoring was stopped before your phone answered."));
              }
              if (ar.failed()) {
                sessions.remove(key);
                LOG.info(
                    "tenant {}: monitoring of agent {} by user {} failed: {}",
                    key.tenantId(),
                    cmd.agentId(),
                    key.userId(),
                    ar.cause().getMessage());
                return Future.succeededFuture(
                    MonitorReply.refused(
                        409,
                        "monitor-failed",
                        "Your phone did not take the monitoring call ("
                            + ar.cause().getMessage()
                            + ")."));
              }
              session.leg = ar.result();
              publish(key, session, true);
              return Future.succeededFuture(new MonitorReply(session.mode, true, null));
            });
  }

  private Future<MonitorReply> stop(SupervisorKey key, long agentId) {
    Session running = sessions.get(key);
    if (running == null || running.agentId != agentId) {
      return Future.succeededFuture(
          MonitorReply.refused(409, "not-monitoring", "You are not monitoring this agent."));
    }
    SpyMode mode = running.mode;
    return end(key, running).map(v -> new MonitorReply(mode, false, null));
  }

  /** Ends a session: hangs up its leg (already gone is fine) and tells the supervisor. */
  private Future<Void> end(SupervisorKey key, Session session) {
    sessions.remove(key, session);
    publish(key, session, false);
    if (session.leg == null) {
      return Future.succeededFuture();
    }
    return pbx.hangup(session.leg).otherwiseEmpty();
  }

  private void onPbx(PbxEvent event) {
    if (event instanceof PbxEvent.AgentChannelHungUp h) {
      for (var e : new ArrayList<>(sessions.entrySet())) {
        if (h.agentChannelId().equals(e.getValue().leg)) {
          sessions.remove(e.getKey());
          publish(e.getKey(), e.getValue(), false);
        }
      }
    } else if (event instanceof PbxEvent.LinkDown) {
      // the calls may go on, but nothing can follow or switch them any more
      new ArrayList<>(sessions.entrySet()).forEach(e -> publish(e.getKey(), e.getValue(), false));
      sessions.clear();
    }
  }

  private void publish(SupervisorKey key, Session session, boolean active) {
    vertx
        .eventBus()
        .publish(
            SupervisorAddresses.MONITOR_CHANGED,
            new MonitorChanged(
                key.tenantId(), key.userId(), session.agentId, session.mode, active));
  }

  private static MonitorReply pbxRefused(Throwable cause) {
    return MonitorReply.refused(
        502, "pbx-refused", "The phone system refused: " + cause.getMessage());
  }
}
