package io.tandemcc.call;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "sip.socket.closed: a page that went away is told from a server that stops or an Asterisk that failed")
class SipSocketClosedTest {
  @Test
  @DisplayName(
      "the browser's close, a newer socket or a session end: the page went away; the proxy's stop, a lost or "
          + "unreachable Asterisk: not")
  void pageWentAway() {
    assertThat(new SipSocketClosed(1, 2, "1001", "closed by the browser (1001)").pageWentAway())
        .isTrue();
    assertThat(
            new SipSocketClosed(1, 2, "1001", "too many SIP connections of this user")
                .pageWentAway())
        .isTrue();
    assertThat(new SipSocketClosed(1, 2, "1001", SipSocketClosed.SERVER_STOPPING).pageWentAway())
        .isFalse();
    assertThat(new SipSocketClosed(1, 2, "1001", SipSocketClosed.UPSTREAM_LOST).pageWentAway())
        .isFalse();
    assertThat(
            new SipSocketClosed(1, 2, "1001", SipSocketClosed.UPSTREAM_UNAVAILABLE).pageWentAway())
        .isFalse();
  }
}
