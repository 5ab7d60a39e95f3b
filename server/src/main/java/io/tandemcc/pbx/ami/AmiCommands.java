package io.tandemcc.pbx.ami;

import io.tandemcc.pbx.AgentEndpoint;
import io.tandemcc.pbx.ClickToDial;
import io.tandemcc.pbx.ConferenceDial;
import io.tandemcc.pbx.ConferenceRoom;
import io.tandemcc.pbx.PbxCommandException;
import io.tandemcc.pbx.PbxCommands;
import io.tandemcc.pbx.PbxEvent.ChannelListed;
import io.tandemcc.pbx.PbxEvent.QueueCallerListed;
import io.tandemcc.pbx.PbxEvent.QueueMemberListed;
import io.tandemcc.pbx.QueueAddResult;
import io.tandemcc.pbx.QueueRef;
import io.tandemcc.pbx.QueueRemoveResult;
import io.tandemcc.pbx.ReattachDial;
import io.tandemcc.pbx.ReattachHold;
import io.tandemcc.pbx.SpyMode;
import io.tandemcc.pbx.SpyRequest;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.action.AtxferAction;
import org.asteriskjava.manager.action.CommandAction;
import org.asteriskjava.manager.action.ConfbridgeListAction;
import org.asteriskjava.manager.action.ConfbridgeListRoomsAction;
import org.asteriskjava.manager.action.CoreShowChannelsAction;
import org.asteriskjava.manager.action.EventGeneratingAction;
import org.asteriskjava.manager.action.HangupAction;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.action.MixMonitorAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.action.PingAction;
import org.asteriskjava.manager.action.QueueAddAction;
import org.asteriskjava.manager.action.QueuePauseAction;
import org.asteriskjava.manager.action.QueueRemoveAction;
import org.asteriskjava.manager.action.QueueStatusAction;
import org.asteriskjava.manager.action.RedirectAction;
import org.asteriskjava.manager.action.StopMixMonitorAction;
import org.asteriskjava.manager.event.ConfbridgeListEvent;
import org.asteriskjava.manager.event.ConfbridgeListRoomsEvent;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.QueueEntryEvent;
import org.asteriskjava.manager.event.QueueMemberEvent;
import org.asteriskjava.manager.event.ResponseEvent;
import org.asteriskjava.manager.response.CommandResponse;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that sends AMI actions. Each action runs, blocking, on the link's worker pool (in
 * call order); every {@code Response: Error} becomes a failed future carrying Asterisk's message,
 * except the "already there" / "not there" answers of QueueAdd / QueueRemove, which are idempotent
 * successes.
 */
final class AmiCommands implements PbxCommands {
  private static final Logger log = LoggerFactory.getLogger(AmiCommands.class);
  static final String ALREADY_THERE = "Already there";
  static final String NOT_THERE = "Not there";
  private static final java.util.regex.Pattern RECORDING_FILE =
      java.util.regex.Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_./-]*\\.(wav|WAV|gsm|ulaw|alaw|sln)");

  private final String pbx;
  private final WorkerExecutor worker;
  private final Supplier<ManagerConnection> session;
  private final AmiEventTranslator translator;
  private final long timeoutMillis;
  private final Vertx vertx;

  AmiCommands(
      Vertx vertx,
      AmiConfig config,
      WorkerExecutor worker,
      Supplier<ManagerConnection> session,
      AmiEventTranslator translator) {
    this.vertx = vertx;
    this.pbx = config.id();
    this.worker = worker;
    this.session = session;
    this.translator = translator;
    this.timeoutMillis = config.actionTimeout().toMillis();
  }

  @Override
  public Future<QueueAddResult> queueAdd(
      QueueRef queue, AgentEndpoint agent, String memberName, boolean paused, String pauseReason) {
    if (!queue.tenant().equals(agent.tenant())) {
      return tenantMismatch(queue, agent);
    }
    QueueAddAction action = new QueueAddAction(queue.pbxName(), AmiNames.interfaceOf(agent));
    action.setMemberName(memberName);
    action.setStateInterface(AmiNames.interfaceOf(agent));
    action.setPaused(paused);
    if (pauseReason != null && !pauseReason.isEmpty()) {
      action.setReason(pauseReason);
    }
    return send(action)
        .map(
            response -> {
              if (!isError(response)) {
                return QueueAddResult.ADDED;
              }
              if (messageContains(response, ALREADY_THERE)) {
                return QueueAddResult.ALREADY_MEMBER;
              }
              throw refused(action, response);
            });
  }

  @Override
  public Future<QueueRemoveResult> queueRemove(QueueRef queue, AgentEndpoint agent) {
    if (!queue.tenant().equals(agent.tenant())) {
      return tenantMismatch(queue, agent);
    }
    QueueRemoveAction action = new QueueRemoveAction(queue.pbxName(), AmiNames.interfaceOf(agent));
    return send(action)
        .map(
            response -> {
              if (!isError(response)) {
                return QueueRemoveResult.REMOVED;
              }
              if (messageContains(response, NOT_THERE)) {
                return QueueRemoveResult.NOT_MEMBER;
              }
              throw refused(action, response);
            });
  }

  @Override
  public Future<Void> queuePause(
      QueueRef queue, AgentEndpoint agent, boolean paused, String reason) {
    if (!queue.tenant().equals(agent.tenant())) {
      return tenantMismatch(queue, agent);
    }
    return pause(queue.pbxName(), agent, paused, reason);
  }

  @Override
  public Future<Void> queuePauseAll(AgentEndpoint agent, boolean paused, String reason) {
    return pause(null, agent, paused, reason);
  }

  private Future<Void> pause(String queueName, AgentEndpoint agent, boolean paused, String reason) {
    QueuePauseAction action = new QueuePauseAction(AmiNames.interfaceOf(agent), queueName, paused);
    if (reason != null && !reason.isEmpty()) {
      action.setReason(reason);
    }
    return send(action)
        .map(
            response -> {
              if (isError(response)) {
                throw refused(action, response);
              }
              return null;
            });
  }

  @Override
  public Future<List<QueueMemberListed>> queueStatus(QueueRef queue) {
    QueueStatusAction action = new QueueStatusAction();
    action.setQueue(queue.pbxName());
    return list(action, QueueMemberEvent.class, translator::memberListed);
  }

  @Override
  public Future<List<QueueMemberListed>> queueStatusAll() {
    return list(new QueueStatusAction(), QueueMemberEvent.class, translator::memberListed);
  }

  /**
   * QueueStatus's QueueEntry items (trace 17): callers waiting, with their position and wait so
   * far.
   */
  @Override
  public Future<List<QueueCallerListed>> queueCallers() {
    return list(new QueueStatusAction(), QueueEntryEvent.class, translator::callerListed);
  }

  @Override
  public Future<List<ChannelListed>> coreShowChannels() {
    return list(
        new CoreShowChannelsAction(), CoreShowChannelEvent.class, translator::channelListed);
  }

  @Override
  public Future<List<String>> command(String cli) {
    if (cli == null
        || cli.isBlank()) { // a line break or any other control character: ActionGuard refuses it
      return Future.failedFuture(new IllegalArgumentException("a command is one non-blank line"));
    }
    CommandAction action = new CommandAction(cli);
    return send(action)
        .map(
            response -> {
              List<String> output = output(response);
              if (isError(response)) {
                // Asterisk 22 answers a failed command with "Message: Command output follows" and
                // the reason as Output
                String message =
                    output.isEmpty() ? response.getMessage() : String.join(" / ", output);
                log.info("AMI {}: Command \"{}\" failed: {}", pbx, cli, message);
                throw new PbxCommandException(
                    pbx, action.getAction(), message == null ? "Error" : message);
              }
              log.debug("AMI {}: Command \"{}\": {} line(s) of output", pbx, cli, output.size());
              return output;
            });
  }

  /** The {@code Output:} lines of a Command response (asterisk-java keeps them only on success). */
  private static List<String> output(ManagerResponse response) {
    if (response instanceof CommandResponse command && command.getResult() != null) {
      return command.getResult().stream().filter(line -> line != null && !line.isBlank()).toList();
    }
    Object raw = response.getAttributes() == null ? null : response.getAttributes().get("output");
    if (raw instanceof List<?> lines) {
      return lines.stream()
          .map(String::valueOf)
          .filter(l -> !l.isBlank())
          .map(String::strip)
          .toList();
    }
    return raw == null || raw.toString().isBlank() ? List.of() : List.of(raw.toString().strip());
  }

  @Override
  public Future<Void> blindTransfer(AgentEndpoint agent, String agentChannelId, String exten) {
    return plain(
        new ChannelActions.BlindTransfer(
            channel(agentChannelId), exten, AmiNames.agentsContext(agent.tenant())));
  }

  @Override
  public Future<Void> redirectToQueue(QueueRef queue, String channelId) {
    return plain(
        new RedirectAction(
            channel(channelId), AmiNames.queueEntryContext(queue.tenant()), queue.pbxName(), 1));
  }

  @Override
  public Future<Void> consult(AgentEndpoint agent, String agentChannelId, String exten) {
    AtxferAction action = new AtxferAction();
    action.setChannel(channel(agentChannelId));
    action.setExten(exten);
    action.setContext(AmiNames.agentsContext(agent.tenant()));
    return plain(action);
  }

  @Override
  public Future<Void> cancelConsultation(String agentChannelId) {
    return plain(new ChannelActions.CancelAtxfer(channel(agentChannelId)));
  }

  @Override
  public Future<Void> redirectToConference(
      ConferenceRoom room, String channelId, String extraChannelId) {
    return plain(
        ConferenceActions.redirect(
            room, channel(channelId), extraChannelId == null ? null : channel(extraChannelId)));
  }

  @Override
  public Future<String> dialIntoConference(ConferenceDial dial) {
    return originateAndAwait(
        ConferenceActions.originate(dial), dial.ringTimeout(), ConferenceActions.NOT_ANSWERED);
  }

  /**
   * ConfbridgeListRooms (trace 12); Asterisk answers an Error "No active conferences." when there
   * is none.
   */
  @Override
  public Future<List<String>> conferenceRooms() {
    ConfbridgeListRoomsAction action = new ConfbridgeListRoomsAction();
    return onLink(
        action,
        connection -> {
          ResponseEvents events = connection.sendEventGeneratingAction(action, timeoutMillis);
          ManagerResponse response = events.getResponse();
          if (response == null) {
            throw new PbxCommandException(pbx, action.getAction(), "no response (connection lost)");
          }
          if (isError(response)) {
            if (messageContains(response, ConferenceActions.NO_ROOMS)) {
              return List.<String>of();
            }
            throw refused(action, response);
          }
          return events.getEvents().stream()
              .filter(ConfbridgeListRoomsEvent.class::isInstance)
              .map(e -> ((ConfbridgeListRoomsEvent) e).getConference())
              .filter(name -> name != null && !name.isBlank())
              .toList();
        });
  }

  /** ConfbridgeList (trace 12): its items' Uniqueid; a room that is not open answers an Error. */
  @Override
  public Future<List<String>> conferenceLegs(String room) {
    ConfbridgeListAction action = new ConfbridgeListAction(room);
    return onLink(
        action,
        connection -> {
          ResponseEvents events = connection.sendEventGeneratingAction(action, timeoutMillis);
          ManagerResponse response = events.getResponse();
          if (response == null) {
            throw new PbxCommandException(pbx, action.getAction(), "no response (connection lost)");
          }
          if (isError(response)) {
            if (messageContains(response, ConferenceActions.NO_ROOMS)
                || messageContains(response, ConferenceActions.NO_SUCH_ROOM)) {
              return List.<String>of();
            }
            throw refused(action, response);
          }
          return events.getEvents().stream()
              .filter(ConfbridgeListEvent.class::isInstance)
              .map(e -> ((ConfbridgeListEvent) e).getUniqueid())
              .filter(id -> id != null && !id.isBlank())
              .toList();
        });
  }

  private void settleOriginate(
      Promise<String> answered, OriginateAction action, ResponseEvents events, String notAnswered) {
    ManagerResponse response = events.getResponse();
    if (response == null) {
      answered.tryFail(
          new PbxCommandException(pbx, action.getAction(), "no response (connection lost)"));
    } else if (isError(response)) {
      answered.tryFail(refused(action, response));
    } else {
      Originates.answeredLeg(events.getEvents())
          .ifPresentOrElse(
              answered::tryComplete,
              () ->
                  answered.tryFail(new PbxCommandException(pbx, action.getAction(), notAnswered)));
    }
  }

  @Override
  public Future<Void> hangup(String channelId) {
    return plain(new HangupAction(channel(channelId)));
  }

  @Override
  public Future<Void> startRecording(String channelId, String file) {
    // MixMonitor writes where it is told: a plain relative path under Asterisk's monitor directory,
    // nothing else
    try {
      ActionGuard.requireText("MixMonitor", file, "file");
    } catch (IllegalArgumentException refused) {
      return Future.failedFuture(refused);
    }
    if (file == null || !RECORDING_FILE.matcher(file).matches() || file.contains("..")) {
      return Future.failedFuture(
          new IllegalArgumentException("not a recording file name: " + file));
    }
    return plain(new MixMonitorAction(channel(channelId), file, "b"));
  }

  @Override
  public Future<Void> stopRecording(String channelId) {
    return plain(new StopMixMonitorAction(channel(channelId)));
  }

  @Override
  public Future<String> originate(ClickToDial request) {
    OriginateAction action;
    try {
      action = Originates.of(request);
    } catch (IllegalArgumentException refused) {
      return Future.failedFuture(refused);
    }
    return originateAndAwait(action, request.ringTimeout(), Originates.NOT_ANSWERED);
  }

  @Override
  public Future<Void> holdForReattach(ReattachHold hold) {
    String customer = channel(hold.customerChannelId());
    return plain(ReattachActions.grace(customer, hold))
        .compose(v -> plain(ReattachActions.redirect(customer, hold)));
  }

  /**
   * Originate, awaited as every Originate is; once the phone answered: Setvar on the customer, then
   * Bridge.
   */
  @Override
  public Future<String> reattach(ReattachDial dial) {
    OriginateAction action;
    try {
      action = ReattachActions.originate(dial);
    } catch (IllegalArgumentException refused) {
      return Future.failedFuture(refused);
    }
    return originateAndAwait(action, dial.ringTimeout(), ReattachActions.NOT_ANSWERED)
        .compose(
            leg -> {
              String customer = channel(dial.customerChannelId());
              return plain(ReattachActions.reattached(customer))
                  .compose(v -> plain(ReattachActions.bridge(customer, channel(leg))))
                  .recover(
                      failed ->
                          plain(new HangupAction(channel(leg)))
                              .transform(ignored -> Future.failedFuture(failed)))
                  .map(v -> leg);
            });
  }

  @Override
  public Future<String> spy(SpyRequest request) {
    OriginateAction action;
    try {
      action = Spies.originate(request, channel(request.agentChannelId()));
    } catch (IllegalArgumentException refused) {
      return Future.failedFuture(refused);
    }
    return originateAndAwait(action, request.ringTimeout(), Spies.NOT_ANSWERED);
  }

  /**
   * Sends an Originate (async) on the ordered worker queue, which Asterisk answers at once with
   * "queued", and then awaits its OriginateResponse without holding a worker thread: ringing a
   * phone (click-to-dial, a supervisor's monitoring call, a conference party) never delays the
   * queue actions behind it. Completes, on the caller's context, with the unique id of the answered
   * leg; fails with {@code notAnswered} when the phone did not answer, with the PBX's refusal, or
   * when no OriginateResponse came within the ring time.
   */
  private Future<String> originateAndAwait(
      OriginateAction action, java.time.Duration ringTimeout, String notAnswered) {
    Context caller = Vertx.currentContext();
    Promise<String> answered = Promise.promise();
    Consumer<Runnable> onCaller =
        caller == null ? Runnable::run : task -> caller.runOnContext(v -> task.run());
    long timer =
        vertx.setTimer(
            ringTimeout.toMillis() + timeoutMillis,
            t ->
                onCaller.accept(
                    () ->
                        answered.tryFail(
                            new PbxCommandException(
                                pbx, action.getAction(), "no OriginateResponse in time"))));
    onLink(
            action,
            connection -> {
              connection.sendEventGeneratingAction(
                  action,
                  events -> {
                    vertx.cancelTimer(timer);
                    onCaller.accept(() -> settleOriginate(answered, action, events, notAnswered));
                  });
              return null;
            })
        .onFailure(
            e -> {
              vertx.cancelTimer(timer);
              answered.tryFail(e);
            });
    return answered.future();
  }

  @Override
  public Future<Void> spyMode(String spyChannelId, SpyMode mode) {
    return plain(Spies.switchTo(channel(spyChannelId), mode));
  }

  /**
   * The channel's name when the translator saw it created; Asterisk also accepts the unique id
   * itself.
   */
  private String channel(String channelId) {
    return translator.channelName(channelId).orElse(channelId);
  }

  private Future<Void> plain(ManagerAction action) {
    return send(action)
        .map(
            response -> {
              if (isError(response)) {
                throw refused(action, response);
              }
              return null;
            });
  }

  @Override
  public Future<Duration> ping() {
    long start = System.nanoTime();
    PingAction action = new PingAction();
    return send(action)
        .map(
            response -> {
              if (isError(response)) {
                throw refused(action, response);
              }
              return Duration.ofNanos(System.nanoTime() - start);
            });
  }

  private Future<ManagerResponse> send(ManagerAction action) {
    return onLink(
        action,
        connection -> {
          log.debug("AMI {}: sending {}", pbx, action.getAction());
          ManagerResponse response = connection.sendAction(action, timeoutMillis);
          if (response == null) {
            throw new PbxCommandException(pbx, action.getAction(), "no response (connection lost)");
          }
          return response;
        });
  }

  /** A list action: Response, then items with our ActionID, then a ...Complete event. */
  private <E extends ResponseEvent, T> Future<List<T>> list(
      EventGeneratingAction action, Class<E> itemType, Function<E, Optional<T>> mapping) {
    return onLink(
        action,
        connection -> {
          ResponseEvents events = connection.sendEventGeneratingAction(action, timeoutMillis);
          ManagerResponse response = events.getResponse();
          if (response == null) {
            throw new PbxCommandException(pbx, action.getAction(), "no response (connection lost)");
          }
          if (isError(response)) {
            throw refused(action, response);
          }
          List<T> items = new ArrayList<>();
          for (ResponseEvent event : events.getEvents()) {
            if (event.getClass() == itemType) {
              mapping.apply(itemType.cast(event)).ifPresent(items::add);
            }
          }
          log.debug("AMI {}: {} listed {} item(s)", pbx, action.getAction(), items.size());
          return List.copyOf(items);
        });
  }

  /** What runs with the live session, on a worker thread. */
  @FunctionalInterface
  private interface OnSession<T> {
    T call(ManagerConnection connection) throws Exception;
  }

  /**
   * The choke point: every action is checked by {@link ActionGuard} and only then handed, with the
   * live session, to {@code call} on the link's worker pool, in call order (no other code here
   * reaches the session). A refused action fails with the guard's {@link IllegalArgumentException}
   * and nothing is written; any other failure becomes a {@link PbxCommandException}.
   */
  private <T> Future<T> onLink(ManagerAction action, OnSession<T> call) {
    try {
      ActionGuard.check(action);
    } catch (IllegalArgumentException refused) {
      log.warn("AMI {}: refused to send {}: {}", pbx, action.getAction(), refused.getMessage());
      return Future.failedFuture(refused);
    }
    Future<T> result;
    try {
      result = worker.executeBlocking(() -> call.call(connected(action)), true);
    } catch (RuntimeException e) { // the pool is closed once the link has stopped
      result = Future.failedFuture(e);
    }
    return result.recover(failure -> Future.failedFuture(asCommandFailure(action, failure)));
  }

  private ManagerConnection connected(ManagerAction action) {
    ManagerConnection connection = session.get();
    if (connection == null) {
      throw new PbxCommandException(pbx, action.getAction(), "AMI link is down");
    }
    return connection;
  }

  private Throwable asCommandFailure(ManagerAction action, Throwable failure) {
    if (failure instanceof PbxCommandException || failure instanceof IllegalArgumentException) {
      return failure;
    }
    String what =
        failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    log.warn("AMI {}: {} failed: {}", pbx, action.getAction(), what);
    return new PbxCommandException(pbx, action.getAction(), what, failure);
  }

  private PbxCommandException refused(ManagerAction action, ManagerResponse response) {
    String message = response.getMessage() == null ? "Error" : response.getMessage();
    log.info("AMI {}: {} refused: {}", pbx, action.getAction(), message);
    return new PbxCommandException(pbx, action.getAction(), message);
  }

  private static boolean isError(ManagerResponse response) {
    return response instanceof ManagerError || "Error".equalsIgnoreCase(response.getResponse());
  }

  private static boolean messageContains(ManagerResponse response, String text) {
    return response.getMessage() != null && response.getMessage().contains(text);
  }

  private static <T> Future<T> tenantMismatch(QueueRef queue, AgentEndpoint agent) {
    return Future.failedFuture(
        new IllegalArgumentException(
            "agent " + agent + " and queue " + queue + " belong to different tenants"));
  }
}
