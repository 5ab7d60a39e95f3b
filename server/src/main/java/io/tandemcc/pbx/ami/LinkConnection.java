package io.tandemcc.pbx.ami;

import java.io.IOException;
import java.util.List;
import org.asteriskjava.lock.Locker.LockCloser;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.ManagerEventListener;
import org.asteriskjava.manager.event.BridgeCreateEvent;
import org.asteriskjava.manager.event.BridgeDestroyEvent;
import org.asteriskjava.manager.event.BridgeEnterEvent;
import org.asteriskjava.manager.event.BridgeLeaveEvent;
import org.asteriskjava.manager.event.CdrEvent;
import org.asteriskjava.manager.event.DeviceStateChangeEvent;
import org.asteriskjava.manager.event.DialStateEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.HangupRequestEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.MusicOnHoldStartEvent;
import org.asteriskjava.manager.event.MusicOnHoldStopEvent;
import org.asteriskjava.manager.event.NewConnectedLineEvent;
import org.asteriskjava.manager.event.NewExtenEvent;
import org.asteriskjava.manager.event.NewStateEvent;
import org.asteriskjava.manager.event.RtcpReceivedEvent;
import org.asteriskjava.manager.event.RtcpSentEvent;
import org.asteriskjava.manager.event.SoftHangupRequestEvent;
import org.asteriskjava.manager.event.SuccessfulAuthEvent;
import org.asteriskjava.manager.internal.ManagerConnectionImpl;
import org.asteriskjava.util.SocketConnectionFacade;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One AMI session: an asterisk-java connection that does <em>not</em> reconnect by itself.
 * asterisk-java would start its own reconnect thread (fixed 50 ms / 5 s delays, forever) when the
 * socket drops; {@link AmiLink} owns reconnection instead, with backoff and status, and replaces
 * the whole connection. So a lost session reports to {@code onLost} once and stays closed.
 */
final class LinkConnection extends ManagerConnectionImpl {
  private static final Logger log = LoggerFactory.getLogger(LinkConnection.class);

  /**
   * Events a queue call brings in numbers (dialplan steps, device and channel states, bridges,
   * RTCP, CDRs, security) that neither {@link AmiEventTranslator} nor asterisk-java's handling of
   * our actions reads: {@link AmiFrames} drops them by name before anything is built, and
   * asterisk-java's reader, should one reach it, skips them instead of building each by reflection
   * and logging an error for every bridge whose creation it did not see.
   */
  static final List<Class<? extends ManagerEvent>> UNREAD =
      List.of(
          NewExtenEvent.class,
          DeviceStateChangeEvent.class,
          NewStateEvent.class,
          NewConnectedLineEvent.class,
          DialStateEvent.class,
          MusicOnHoldStartEvent.class,
          MusicOnHoldStopEvent.class,
          BridgeCreateEvent.class,
          BridgeEnterEvent.class,
          BridgeLeaveEvent.class,
          BridgeDestroyEvent.class,
          HangupRequestEvent.class,
          SoftHangupRequestEvent.class,
          RtcpSentEvent.class,
          RtcpReceivedEvent.class,
          CdrEvent.class,
          SuccessfulAuthEvent.class);

  /** Opens the socket this connection talks through. */
  interface SocketOpener {
    SocketConnectionFacade open() throws IOException;
  }

  private final String pbx;
  private final Runnable onLost;
  private final SocketOpener opener;

  /**
   * @param listener gets what asterisk-java's reader reads: with {@link AmiLoopSocket}, that is the
   *     answers to our actions and the {@code DisconnectEvent}; the events of ours are read on the
   *     event loop instead
   */
  LinkConnection(
      AmiConfig config, ManagerEventListener listener, Runnable onLost, SocketOpener opener) {
    this.pbx = config.id();
    this.onLost = onLost;
    this.opener = opener;
    setHostname(config.host());
    setPort(config.port());
    setUsername(config.username());
    setPassword(config.secret());
    setSocketTimeout((int) config.connectTimeout().toMillis());
    setDefaultResponseTimeout(config.actionTimeout().toMillis());
    setDefaultEventTimeout(config.actionTimeout().toMillis());
    setKeepAliveAfterAuthenticationFailure(false);
    UNREAD.forEach(this::deregisterEventClass);
    addEventListener(listener);
  }

  /**
   * Our socket instead of asterisk-java's ({@link AmiLoopSocket}); called while logging in, on a
   * worker thread.
   */
  @Override
  protected SocketConnectionFacade createSocket() throws IOException {
    return opener.open();
  }

  /** Runs on asterisk-java's event thread. */
  @Override
  public void dispatchEvent(ManagerEvent event, Integer requiredHandlingTime) {
    if (!(event instanceof DisconnectEvent)) {
      super.dispatchEvent(event, requiredHandlingTime);
      return;
    }
    boolean lost;
    try (LockCloser lock =
        withLock()) { // a login in progress holds it: wait for its outcome, then decide
      // while logging in, the login call itself reports the failure; while logging off, nobody
      // needs to know
      lost = state == ManagerConnectionState.CONNECTED;
      if (lost) {
        state =
            ManagerConnectionState
                .DISCONNECTING; // keeps asterisk-java from starting its reconnect thread
      }
    }
    super.dispatchEvent(
        event, requiredHandlingTime); // releases callers still waiting for a response
    if (lost) {
      try (LockCloser lock = withLock()) {
        disconnect();
        state = ManagerConnectionState.DISCONNECTED;
      }
      log.debug("AMI {}: session lost", pbx);
      onLost.run();
    }
  }

  /** Logs off when logged in, otherwise just closes the socket. Never throws. */
  void closeQuietly() {
    try {
      if (getState() == ManagerConnectionState.CONNECTED) {
        logoff();
      } else {
        try (LockCloser lock = withLock()) {
          disconnect();
        }
      }
    } catch (RuntimeException e) {
      log.debug("AMI {}: closing the session failed: {}", pbx, e.toString());
    }
  }
}
