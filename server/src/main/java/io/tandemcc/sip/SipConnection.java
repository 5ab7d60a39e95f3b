package io.tandemcc.sip;

import gov.nist.javax.sip.message.SIPRequest;
import io.tandemcc.call.SipSocketClosed;
import io.tandemcc.common.TokenBucket;
import io.tandemcc.pbx.UpstreamCredentials;
import io.tandemcc.sip.SipCallPolicy.Refusal;
import io.tandemcc.sip.SipChallenges.Relay;
import io.tandemcc.sip.Verdict.Answer;
import io.tandemcc.sip.Verdict.Drop;
import io.tandemcc.sip.Verdict.Forward;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketBase;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One browser WebSocket and its own WebSocket to Asterisk, opened and closed together. Every
 * browser frame goes through the {@link SipGuard} (and a new call through the {@link
 * SipCallPolicy}) before the original bytes are forwarded; Asterisk's frames are parsed, so their
 * dialogs become known, and forwarded. Runs on the event loop of the HTTP verticle that accepted
 * the browser; not thread-safe.
 */
final class SipConnection {
  private static final Logger LOG = LoggerFactory.getLogger(SipConnection.class);

  /** Sustained browser messages per second, and the burst allowed above it. */
  static final double RATE_PER_SECOND = 50;

  static final double BURST = 100;
  private static final long THROTTLE_LOG_INTERVAL_NANOS = 10_000_000_000L;

  private final ServerWebSocket browser;
  private final SipIdentity identity;
  private final SipCallPolicy policy;
  private final SipGuard guard;

  /**
   * Answers Asterisk's digest challenges with the agent's upstream password (the only
   * re-serialising step).
   */
  private final SipChallenges challenges;

  private final TokenBucket bucket = new TokenBucket(RATE_PER_SECOND, BURST, System::nanoTime);
  private final Consumer<SipConnection> onClosed;
  private WebSocket upstream;
  private boolean closing;
  private io.tandemcc.common.SocketHeartbeat heartbeat;

  /**
   * {@code onClosed} ran (once: a dead browser is released before its close handshake times out).
   */
  private boolean released;

  /** Why the connection closed, once it did (for {@link SipSocketClosed}). */
  private String closeReason;

  /** Frames throttled since the last log line about it, and when that line was written. */
  private long throttledFrames;

  private long throttleLoggedAt = System.nanoTime() - THROTTLE_LOG_INTERVAL_NANOS;

  /** A frame as received, so that it is forwarded as the same kind of frame with the same bytes. */
  private record Frame(String text, Buffer binary) {
    byte[] bytes() {
      return text != null ? text.getBytes(StandardCharsets.UTF_8) : binary.getBytes();
    }
  }

  SipConnection(
      ServerWebSocket browser,
      SipIdentity identity,
      SipCallPolicy policy,
      UpstreamCredentials credentials,
      SipStats stats,
      Consumer<SipConnection> onClosed) {
    this.browser = browser;
    this.identity = identity;
    this.policy = policy;
    this.guard = new SipGuard(identity, stats);
    this.challenges = new SipChallenges(identity, credentials);
    this.onClosed = onClosed;
  }

  SipIdentity identity() {
    return identity;
  }

  /** Why the connection closed: the proxy's own reason, or the browser's close code. */
  String closeReason() {
    return closeReason != null
        ? closeReason
        : "closed by the browser (" + browser.closeStatusCode() + ")";
  }

  /**
   * Holds the browser's frames until Asterisk's WebSocket is open; refuses the browser if it cannot
   * be.
   */
  void open(WebSocketClient client, WebSocketConnectOptions upstreamOptions) {
    browser.pause();
    browser.textMessageHandler(text -> fromBrowser(new Frame(text, null)));
    browser.binaryMessageHandler(data -> fromBrowser(new Frame(null, data)));
    browser.exceptionHandler(this::browserFailed);
    browser.closeHandler(v -> browserClosed());
    client
        .connect(upstreamOptions)
        .onComplete(
            ar -> {
              if (ar.failed()) {
                LOG.warn(
                    "cannot reach Asterisk for {}: {}",
                    identity.logContext(),
                    ar.cause().getMessage());
                close(SipCloseCodes.UPSTREAM_UNAVAILABLE, SipSocketClosed.UPSTREAM_UNAVAILABLE);
                return;
              }
              upstream = ar.result();
              if (closing || browser.isClosed()) {
                upstream.close();
                return;
              }
              upstream.textMessageHandler(text -> fromUpstream(new Frame(text, null)));
              upstream.binaryMessageHandler(data -> fromUpstream(new Frame(null, data)));
              upstream.exceptionHandler(
                  e -> LOG.debug("Asterisk socket error for {}", identity.logContext(), e));
              upstream.closeHandler(v -> upstreamClosed());
              LOG.info("SIP connection open for {}", identity.logContext());
              browser.resume();
            });
  }

  /**
   * Pings the browser's socket: one that stops answering (asleep, network lost) is closed like a
   * closed one.
   */
  void heartbeat(io.vertx.core.Vertx vertx, java.time.Duration interval) {
    if (!closing) {
      heartbeat =
          io.tandemcc.common.SocketHeartbeat.start(
              vertx,
              browser,
              interval,
              () -> {
                LOG.info(
                    "SIP connection of {}: {} pings unanswered",
                    identity.logContext(),
                    io.tandemcc.common.SocketHeartbeat.ALLOWED_MISSES);
                close(SipCloseCodes.NOT_ANSWERING, "browser not answering pings");
                // it will not answer the close frame either (the close handler would wait for the
                // closing timeout)
                browserClosed();
              });
    }
  }

  /** Closes the browser side with this code; Asterisk's side follows. */
  void close(short code, String reason) {
    if (closeReason == null) {
      closeReason = reason;
    }
    if (!closing) {
      closing = true;
      LOG.info("closing SIP connection of {}: {}", identity.logContext(), reason);
    }
    if (!browser.isClosed()) {
      browser.close(code, reason);
    }
    closeUpstream();
  }

  private void fromBrowser(Frame frame) {
    if (closing || upstream == null) {
      return;
    }
    if (!bucket.tryTake()) {
      throttle(frame);
      return;
    }
    Verdict verdict = guard.fromBrowser(frame.bytes());
    if (verdict instanceof Forward forward) {
      if (forward.dial() == null) {
        forward(forward, frame);
      } else {
        checkCall(forward, frame);
      }
    } else if (verdict instanceof Answer answer) {
      LOG.warn(
          "refused {} from {}: {} ({} sent)",
          answer.what(),
          identity.logContext(),
          answer.why(),
          answer.status());
      send(browser, answer.response());
    } else if (verdict instanceof Drop drop) {
      LOG.warn("dropped {} from {}: {}", drop.what(), identity.logContext(), drop.why());
    } else if (verdict instanceof Verdict.AnswerPing) {
      send(browser, SipParser.PONG);
    } else {
      send(upstream, frame);
    }
  }

  /** Asks the call policy about a new INVITE; later frames wait, so that nothing overtakes it. */
  private void checkCall(Forward invite, Frame frame) {
    browser.pause();
    policy
        .check(identity, invite.dial().target())
        .onComplete(
            ar -> {
              if (closing) {
                return;
              }
              Optional<Refusal> refusal =
                  ar.succeeded()
                      ? ar.result()
                      : Optional.of(new Refusal(503, "Call policy unavailable"));
              if (refusal.isEmpty()) {
                forward(invite, frame);
              } else {
                LOG.info(
                    "refused {} to {} from {}: {} {}",
                    SipGuard.what(invite.message()),
                    invite.dial().target(),
                    identity.logContext(),
                    refusal.get().status(),
                    refusal.get().reason());
                send(
                    browser,
                    SipResponses.answer(
                        (SIPRequest) invite.message(),
                        refusal.get().status(),
                        refusal.get().reason()));
              }
              browser.resume();
            });
  }

  private void forward(Forward forward, Frame frame) {
    guard.accepted(forward.message());
    if (LOG.isDebugEnabled()) {
      LOG.debug("{} → Asterisk: {}", identity.logContext(), SipGuard.what(forward.message()));
    }
    relay(challenges.fromBrowser(forward.message()), upstream, frame);
  }

  /** Answers a request over the rate with 503; one log line per interval, not one per frame. */
  private void throttle(Frame frame) {
    throttledFrames++;
    long now = System.nanoTime();
    if (now - throttleLoggedAt >= THROTTLE_LOG_INTERVAL_NANOS) {
      LOG.warn(
          "throttling {}: more than {} SIP messages per second, {} refused since the last report",
          identity.logContext(),
          (int) RATE_PER_SECOND,
          throttledFrames);
      throttleLoggedAt = now;
      throttledFrames = 0;
    }
    // under a flood the 503s themselves are shed when the browser does not read them fast enough
    if (guard.throttled(frame.bytes(), bucket.secondsUntilNextToken()) instanceof Answer answer
        && !browser.isClosed()
        && !browser.writeQueueFull()) {
      browser.writeTextMessage(answer.response());
    }
  }

  private void browserFailed(Throwable e) {
    // Vert.x reports a message over the server's maximum WebSocket message size here, and drops it
    if (e instanceof IllegalStateException
        && String.valueOf(e.getMessage()).contains("max message size")) {
      LOG.warn(
          "refused a message over {} bytes from {}",
          SipGuard.MAX_FRAME_BYTES,
          identity.logContext());
      close(SipCloseCodes.MESSAGE_TOO_BIG, "message too big");
    } else {
      LOG.debug("browser socket error for {}", identity.logContext(), e);
    }
  }

  private void fromUpstream(Frame frame) {
    if (closing) {
      return;
    }
    Verdict verdict = guard.fromUpstream(frame.bytes());
    if (verdict instanceof Drop drop) {
      LOG.warn("dropped {} for {}: {}", drop.what(), identity.logContext(), drop.why());
      return;
    }
    if (verdict instanceof Forward forward && forward.note() != null) {
      LOG.warn(
          "{} for {}: {}", SipGuard.what(forward.message()), identity.logContext(), forward.note());
    } else if (verdict instanceof Forward forward && LOG.isDebugEnabled()) {
      LOG.debug("{} ← Asterisk: {}", identity.logContext(), SipGuard.what(forward.message()));
    }
    if (verdict instanceof Forward forward) {
      relay(challenges.fromUpstream(forward.message()), browser, frame);
    } else {
      send(browser, frame);
    }
  }

  /**
   * Sends what {@link SipChallenges} decided: the original frame to {@code destination}, and its
   * own messages.
   */
  private void relay(Relay relay, WebSocketBase destination, Frame frame) {
    if (relay.original()) {
      send(destination, frame);
    }
    if (relay.toBrowser() != null) {
      send(browser, relay.toBrowser());
    }
    relay.toUpstream().forEach(text -> send(upstream, text));
  }

  private void send(WebSocketBase to, Frame frame) {
    if (frame.text() != null) {
      send(to, frame.text());
    } else if (ready(to)) {
      to.writeBinaryMessage(frame.binary());
    }
  }

  private void send(WebSocketBase to, String text) {
    if (ready(to)) {
      to.writeTextMessage(text);
    }
  }

  /**
   * False if the socket is gone; a peer that stopped reading is cut off rather than buffered
   * without bound.
   */
  private boolean ready(WebSocketBase to) {
    if (to.isClosed()) {
      return false;
    }
    if (to.writeQueueFull()) {
      close((short) 1013, to == browser ? "browser too slow" : "SIP server too slow");
      return false;
    }
    return true;
  }

  private void browserClosed() {
    if (!closing) {
      closing = true;
      LOG.info(
          "SIP connection of {} closed by the browser ({})",
          identity.logContext(),
          browser.closeStatusCode());
    }
    closeUpstream();
    if (!released) {
      released = true;
      onClosed.accept(this);
    }
  }

  private void upstreamClosed() {
    if (!closing) {
      LOG.warn(
          "lost the Asterisk connection of {} ({} {})",
          identity.logContext(),
          upstream.closeStatusCode(),
          upstream.closeReason());
      close(SipCloseCodes.UPSTREAM_LOST, SipSocketClosed.UPSTREAM_LOST);
    }
  }

  private void closeUpstream() {
    if (heartbeat != null) {
      heartbeat.stop();
    }
    if (upstream != null && !upstream.isClosed()) {
      upstream.close((short) 1000, "browser gone");
    }
  }
}
