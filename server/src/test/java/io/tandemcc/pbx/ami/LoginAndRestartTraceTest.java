package io.tandemcc.pbx.ami;

import static io.tandemcc.pbx.MemberStatus.FREE;
import static io.tandemcc.pbx.ami.TraceFixtures.ACME;
import static io.tandemcc.pbx.ami.TraceFixtures.ALICE;
import static io.tandemcc.pbx.ami.TraceFixtures.SUPPORT;
import static io.tandemcc.pbx.ami.TraceFixtures.alice;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tandemcc.pbx.PbxCommandException;
import io.tandemcc.pbx.PbxCommands;
import io.tandemcc.pbx.PbxEvent.ChannelListed;
import io.tandemcc.pbx.PbxEvent.LinkDown;
import io.tandemcc.pbx.PbxEvent.LinkUp;
import io.tandemcc.pbx.PbxEvent.QueueMemberAdded;
import io.tandemcc.pbx.PbxEvent.QueueMemberListed;
import io.tandemcc.pbx.PbxLinkStatus;
import io.tandemcc.pbx.QueueAddResult;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

@DisplayName("Login, resync, failed login and Asterisk restart replayed from real Asterisk traces")
class LoginAndRestartTraceTest extends AmiLinkTestSupport {

  @Test
  @DisplayName(
      "01: logs in with events on and a challenge (never the secret); resync lists queues and channels")
  void loginAndResync() throws Exception {
    linkUpOn(AmiScript.fromTrace("01-login-resync"));
    PbxCommands pbx = link.commands();

    List<QueueMemberListed> members = await(pbx.queueStatusAll());
    List<ChannelListed> channels = await(pbx.coreShowChannels());
    Duration roundTrip = await(pbx.ping());
    drain();

    assertThat(events.all()).containsExactly(new LinkUp("pbx-test"));
    assertThat(link.status().state()).isEqualTo(PbxLinkStatus.State.UP);
    assertThat(members).as("the queue has no members in this trace").isEmpty();
    assertThat(channels).as("no calls in this trace").isEmpty();
    assertThat(roundTrip).isPositive();

    AmiFrame challenge = peer.received().get(0);
    assertThat(challenge.action()).isEqualToIgnoringCase("Challenge");
    assertThat(challenge.get("AuthType")).isEqualToIgnoringCase("MD5");
    AmiFrame login = peer.received("Login").get(0);
    assertThat(login.get("Username")).isEqualTo("cc");
    assertThat(login.get("Events")).isEqualTo("on");
    assertThat(login.get("AuthType")).isEqualToIgnoringCase("MD5");
    assertThat(login.get("Key")).isEqualTo(md5Hex("184302811" + SECRET));
    assertThat(login.has("Secret")).isFalse();
    assertThat(peer.received())
        .noneMatch(frame -> String.join("\n", frame.lines()).contains(SECRET));
    assertThat(peer.received("QueueStatus").get(0).has("Queue")).as("all queues").isFalse();
    assertThat(peer.received("CoreShowChannels")).hasSize(1);
    // SuccessfulAuth, like the rest of LinkConnection.UNREAD, is not even built: nothing unknown
    // reached us
    assertThat(link.stats().unknown()).isEmpty();
    assertNoMalformedEvents();
  }

  @Test
  @DisplayName("the AMI secret appears in no log line, at any level, from us or from asterisk-java")
  void secretIsNeverLogged() throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.start();
    root.addAppender(captured);
    try {
      linkUpOn(AmiScript.fromTrace("01-login-resync"));
      await(link.commands().ping());
      await(link.close());
      link = null;
    } finally {
      root.detachAppender(captured);
    }
    assertThat(captured.list).isNotEmpty();
    assertThat(captured.list)
        .noneMatch(
            line ->
                line.getFormattedMessage().contains(SECRET)
                    || (line.getThrowableProxy() != null
                        && String.valueOf(line.getThrowableProxy().getMessage()).contains(SECRET)));
  }

  @Test
  @DisplayName(
      "01b: a refused login is reported as link down with Asterisk's reason, and commands fail")
  void failedLogin() throws Exception {
    startLink(
        ScriptedAmiPeer.start(AmiScript.fromTrace("01b-login-failed")),
        config -> config.withReconnect(Duration.ofSeconds(30), Duration.ofSeconds(30)));

    LinkDown down = events.await(LinkDown.class, WAIT);

    assertThat(down.pbx()).isEqualTo("pbx-test");
    assertThat(down.reason()).isEqualTo("login refused: Authentication failed");
    assertThat(events.of(LinkUp.class)).isEmpty();
    PbxLinkStatus status = link.status();
    assertThat(status.state()).isEqualTo(PbxLinkStatus.State.DOWN);
    assertThat(status.lastError()).isEqualTo("login refused: Authentication failed");
    assertThat(status.failedAttempts()).isEqualTo(1);
    Throwable ping = failureOf(link.commands().ping());
    assertThat(ping)
        .isInstanceOf(PbxCommandException.class)
        .hasMessageContaining("AMI link is down");
    assertThat(peer.received()).extracting(AmiFrame::action).containsExactly("Challenge", "Login");
  }

  @Test
  @DisplayName(
      "16: an Asterisk restart takes the link down, reconnects through refused attempts and comes back up")
  void asteriskRestart() throws Exception {
    linkUpOn(
        AmiScript.fromTrace("16-asterisk-restart", "QueueAdd", "QueueStatus", "CoreShowChannels"));
    PbxCommands pbx = link.commands();

    assertThat(await(pbx.queueAdd(SUPPORT, ALICE, "Alice Agent", false, null)))
        .isEqualTo(QueueAddResult.ADDED);
    List<QueueMemberListed> beforeRestart = await(pbx.queueStatus(SUPPORT));
    events.awaitCount(LinkUp.class::isInstance, 2, WAIT);
    List<QueueMemberListed> afterRestart = await(pbx.queueStatus(SUPPORT));
    List<ChannelListed> channels = await(pbx.coreShowChannels());
    drain();

    assertThat(events.all())
        .containsExactly(
            new LinkUp("pbx-test"),
            new QueueMemberAdded(ACME, alice(FREE, false, 0)),
            new LinkDown("pbx-test", "Asterisk shut down (Cleanly, restart: true)"),
            new LinkUp("pbx-test"));
    assertThat(beforeRestart).containsExactly(new QueueMemberListed(ACME, alice(FREE, false, 0)));
    assertThat(afterRestart).as("dynamic members are lost in a restart").isEmpty();
    assertThat(channels).isEmpty();
    assertThat(peer.sessionsAccepted()).isEqualTo(2);
    assertThat(peer.received("Login")).hasSize(2);
    assertThat(link.status().state()).isEqualTo(PbxLinkStatus.State.UP);
    assertThat(link.status().failedAttempts()).isZero();
    assertThat(link.status().lastError())
        .as("the refused reconnects are remembered")
        .startsWith("cannot connect: ");
    assertNoMalformedEvents();
  }

  private static String md5Hex(String text) throws Exception {
    byte[] digest = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
    return String.format("%032x", new BigInteger(1, digest));
  }
}
