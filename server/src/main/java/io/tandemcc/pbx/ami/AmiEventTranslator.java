package io.tandemcc.pbx.ami;

import io.tandemcc.pbx.PbxEvent;
import io.tandemcc.pbx.PbxEvent.ChannelListed;
import io.tandemcc.pbx.PbxEvent.QueueCallerListed;
import io.tandemcc.pbx.PbxEvent.QueueMemberListed;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.asteriskjava.manager.event.AgentCalledEvent;
import org.asteriskjava.manager.event.AgentCompleteEvent;
import org.asteriskjava.manager.event.AgentConnectEvent;
import org.asteriskjava.manager.event.AgentRingNoAnswerEvent;
import org.asteriskjava.manager.event.AttendedTransferEvent;
import org.asteriskjava.manager.event.BlindTransferEvent;
import org.asteriskjava.manager.event.ConfbridgeEndEvent;
import org.asteriskjava.manager.event.ConfbridgeJoinEvent;
import org.asteriskjava.manager.event.ConfbridgeLeaveEvent;
import org.asteriskjava.manager.event.ConfbridgeStartEvent;
import org.asteriskjava.manager.event.ConnectEvent;
import org.asteriskjava.manager.event.ContactStatusEvent;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.DialBeginEvent;
import org.asteriskjava.manager.event.DialEndEvent;
import org.asteriskjava.manager.event.FullyBootedEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.HoldEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.MixMonitorStartEvent;
import org.asteriskjava.manager.event.MixMonitorStopEvent;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.asteriskjava.manager.event.QueueCallerAbandonEvent;
import org.asteriskjava.manager.event.QueueCallerJoinEvent;
import org.asteriskjava.manager.event.QueueCallerLeaveEvent;
import org.asteriskjava.manager.event.QueueEntryEvent;
import org.asteriskjava.manager.event.QueueMemberAddedEvent;
import org.asteriskjava.manager.event.QueueMemberEvent;
import org.asteriskjava.manager.event.QueueMemberPauseEvent;
import org.asteriskjava.manager.event.QueueMemberRemovedEvent;
import org.asteriskjava.manager.event.QueueMemberStatusEvent;
import org.asteriskjava.manager.event.ShutdownEvent;
import org.asteriskjava.manager.event.UnholdEvent;
import org.asteriskjava.manager.event.VarSetEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The anti-corruption layer: the one place where asterisk-java's {@link ManagerEvent}s become
 * {@link PbxEvent}s.
 *
 * <p>Dispatch is an explicit table from event class to handler (exact class, no inheritance walk,
 * no reflection). Events without a handler are counted as unknown and dropped; events missing a
 * field we need, or whose tenant information disagrees, are logged, counted as malformed and
 * dropped. Nothing thrown by a handler escapes {@link #translate}.
 *
 * <p>Not thread-safe: call it from one thread (the link's Vert.x context). The counters may be read
 * from anywhere.
 */
public final class AmiEventTranslator {
  private static final Logger log = LoggerFactory.getLogger(AmiEventTranslator.class);

  private final String pbx;
  private final TranslationStats stats = new TranslationStats();
  private final CallCorrelation calls = new CallCorrelation();
  private final QueueEventMapper queues = new QueueEventMapper(calls, stats);
  private final EndpointEventMapper endpoints = new EndpointEventMapper(calls, stats);
  private final CallFeatureMapper features = new CallFeatureMapper(endpoints, stats);
  private final ConferenceEventMapper conferences = new ConferenceEventMapper(endpoints, stats);
  private final Map<Class<? extends ManagerEvent>, Function<ManagerEvent, List<PbxEvent>>>
      handlers = new HashMap<>();

  public AmiEventTranslator(String pbx) {
    this.pbx = pbx;
    on(QueueMemberAddedEvent.class, queues::memberAdded);
    on(QueueMemberRemovedEvent.class, queues::memberRemoved);
    on(QueueMemberPauseEvent.class, queues::memberPaused);
    on(QueueMemberStatusEvent.class, queues::memberStatus);
    on(QueueCallerJoinEvent.class, queues::callerJoined);
    on(QueueCallerLeaveEvent.class, queues::callerLeft);
    on(QueueCallerAbandonEvent.class, queues::callerAbandoned);
    on(AgentCalledEvent.class, queues::offered);
    on(AgentConnectEvent.class, queues::answered);
    on(AgentCompleteEvent.class, queues::completed);
    on(AgentRingNoAnswerEvent.class, queues::ringNoAnswer);
    on(VarSetEvent.class, endpoints::varSet);
    on(NewChannelEvent.class, endpoints::newChannel);
    on(DialBeginEvent.class, endpoints::dialBegin);
    on(DialEndEvent.class, endpoints::dialEnd);
    on(HangupEvent.class, endpoints::hangup);
    on(HoldEvent.class, e -> endpoints.hold(e, true));
    on(UnholdEvent.class, e -> endpoints.hold(e, false));
    on(ContactStatusEvent.class, endpoints::contactStatus);
    on(BlindTransferEvent.class, features::blindTransfer);
    on(AttendedTransferEvent.class, features::attendedTransfer);
    on(MixMonitorStartEvent.class, e -> features.recording(e, true));
    on(MixMonitorStopEvent.class, e -> features.recording(e, false));
    on(ConfbridgeStartEvent.class, conferences::started);
    on(ConfbridgeJoinEvent.class, conferences::joined);
    on(ConfbridgeLeaveEvent.class, conferences::left);
    on(ConfbridgeEndEvent.class, conferences::ended);
    // link control, acted upon by AmiLink: nothing to translate
    on(FullyBootedEvent.class, e -> List.of());
    on(ShutdownEvent.class, e -> List.of());
    on(ConnectEvent.class, e -> List.of());
  }

  private <E extends ManagerEvent> void on(Class<E> type, Function<E, List<PbxEvent>> handler) {
    handlers.put(type, event -> handler.apply(type.cast(event)));
  }

  /** Never throws: unknown and malformed events give an empty list and are counted. */
  public List<PbxEvent> translate(ManagerEvent event) {
    Function<ManagerEvent, List<PbxEvent>> handler = handlers.get(event.getClass());
    if (handler == null) {
      stats.unknown(nameOf(event));
      return List.of();
    }
    try {
      List<PbxEvent> out = handler.apply(event);
      stats.produced(out.size());
      return out;
    } catch (RuntimeException e) {
      stats.malformed(nameOf(event));
      log.warn("AMI {}: dropped malformed {} event: {}", pbx, nameOf(event), e.getMessage());
      return List.of();
    }
  }

  /**
   * A QueueMember item of a QueueStatus response, for resync; empty when unusable (logged and
   * counted).
   */
  public Optional<QueueMemberListed> memberListed(QueueMemberEvent item) {
    return listItem(item, () -> queues.memberListed(item));
  }

  /**
   * A QueueEntry item of a QueueStatus response (a waiting caller), for resync; empty when not ours
   * or unusable.
   */
  public Optional<QueueCallerListed> callerListed(QueueEntryEvent item) {
    return listItem(item, () -> queues.callerListed(item));
  }

  /**
   * A CoreShowChannel item of a CoreShowChannels response, for resync; empty when not ours or
   * unusable.
   */
  public Optional<ChannelListed> channelListed(CoreShowChannelEvent item) {
    return listItem(item, () -> endpoints.channelListed(item));
  }

  private <T> Optional<T> listItem(
      ManagerEvent item, java.util.function.Supplier<Optional<T>> mapping) {
    try {
      return mapping.get();
    } catch (RuntimeException e) {
      stats.malformed(nameOf(item));
      log.warn("AMI {}: dropped malformed {} list item: {}", pbx, nameOf(item), e.getMessage());
      return Optional.empty();
    }
  }

  /** Forgets per-session correlation state; call when the AMI session is replaced. */
  public void reset() {
    calls.clear();
  }

  /**
   * The name of a live channel (e.g. {@code PJSIP/acme-1001-00000001}) by its unique id.
   * Thread-safe.
   */
  public Optional<String> channelName(String channelId) {
    return calls.channelName(channelId);
  }

  public TranslationStats stats() {
    return stats;
  }

  int correlationSize() {
    return calls.size();
  }

  /**
   * The AMI name of the event, as far as asterisk-java lets us see it ({@code AgentCalledEvent} →
   * AgentCalled).
   */
  static String nameOf(ManagerEvent event) {
    String name = event.getClass().getSimpleName();
    return name.endsWith("Event") ? name.substring(0, name.length() - "Event".length()) : name;
  }
}
