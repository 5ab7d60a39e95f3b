package io.tandemcc.pbx.ami;

import static io.tandemcc.pbx.ami.TraceFixtures.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.StringMsgParser;
import io.tandemcc.pbx.AgentEndpoint;
import io.tandemcc.pbx.ClickToDial;
import io.tandemcc.pbx.ConferenceDial;
import io.tandemcc.pbx.ConferenceRoom;
import io.tandemcc.pbx.ReattachDial;
import io.tandemcc.pbx.SpyMode;
import io.tandemcc.pbx.SpyRequest;
import io.tandemcc.support.SipTraces;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sip.header.CallInfoHeader;
import org.asteriskjava.manager.action.OriginateAction;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, item 1: every SIP header an Originate has Asterisk add ({@code
 * PJSIP_HEADER(add,Name)=value}) must parse with jain-sip, the parser of our SIP proxy; {@code
 * Call-Info: ;answer-after=0} did not, and the proxy dropped the whole INVITE (trace 11). The
 * header is put into trace 11's INVITE in place of the one Asterisk sent, and that message is
 * parsed the way the proxy parses frames from Asterisk (strictly, any bad header fails it).
 */
@DisplayName(
    "The SIP headers our Originates add parse with jain-sip, as the proxy parses Asterisk's INVITE")
class OriginateHeadersTest {
  private static final Pattern ADD_HEADER = Pattern.compile("PJSIP_HEADER\\(add,([A-Za-z-]+)\\)");
  private static final Duration RING = Duration.ofSeconds(20);

  @Test
  @DisplayName(
      "click-to-dial, monitoring, conference and reattach Originates: each added header parses, Call-Info has a URI")
  void everyAddedHeaderParses() throws Exception {
    List<OriginateAction> originates =
        List.of(
            Originates.of(
                new ClickToDial(
                    ALICE, "90155501234", "CRM: Jane", Map.of(1, "CRM-42"), true, RING)),
            Spies.originate(
                new SpyRequest(
                    new AgentEndpoint("acme", "1901"),
                    ALICE,
                    "1795315375.1",
                    SpyMode.LISTEN,
                    "Monitor Alice Agent",
                    RING),
                "PJSIP/acme-1001-00000001"),
            ConferenceActions.originate(
                ConferenceDial.number(
                    new ConferenceRoom("acme", "17953155570"),
                    "1002",
                    "1795315375.0",
                    "Jane",
                    RING)),
            ReattachActions.originate(
                new ReattachDial(ALICE, "call-7", "1795315375.0", "Jane Customer", RING)));
    List<String> added = new ArrayList<>();
    for (OriginateAction originate : originates) {
      for (var variable : originate.getVariables().entrySet()) {
        Matcher header = ADD_HEADER.matcher(variable.getKey());
        if (header.matches()) {
          SIPMessage invite = inviteWith(header.group(1) + ": " + variable.getValue());
          assertThat(invite.getHeader(header.group(1))).as(variable.getValue()).isNotNull();
          added.add(header.group(1) + ": " + variable.getValue());
        }
      }
    }
    assertThat(added)
        .as("click-to-dial (auto-answer) and monitoring ask the webphone to answer")
        .containsExactly(
            "Call-Info: <sip:127.0.0.1>;answer-after=0",
            "Call-Info: <sip:127.0.0.1>;answer-after=0",
            "X-Tandem-Reattach: call-7",
            "Call-Info: <sip:127.0.0.1>;answer-after=0");
    CallInfoHeader callInfo = (CallInfoHeader) inviteWith(added.get(0)).getHeader("Call-Info");
    assertThat(callInfo.getInfo().toString()).isEqualTo("sip:127.0.0.1");
    assertThat(callInfo.getParameter("answer-after")).isEqualTo("0");
  }

  @Test
  @DisplayName(
      "no other Originate escapes this test: only the four builders above make an OriginateAction")
  void onlyTheseBuildersOriginate() {
    var classes =
        new com.tngtech.archunit.core.importer.ClassFileImporter()
            .withImportOption(
                com.tngtech.archunit.core.importer.ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.tandemcc");
    com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
        .that()
        .doNotBelongToAnyOf(
            Originates.class, Spies.class, ConferenceActions.class, ReattachActions.class)
        .should()
        .callConstructor(OriginateAction.class)
        .because(
            "every Originate's added SIP headers are checked by everyAddedHeaderParses; add a new builder there")
        .check(classes);
  }

  @Test
  @DisplayName(
      "the check is real: the former Call-Info without a URI, as in trace 11, does not parse")
  void theFormerHeaderDoesNotParse() {
    assertThatThrownBy(() -> inviteWith("Call-Info: ;answer-after=0"))
        .isInstanceOf(ParseException.class);
  }

  /** Trace 11's INVITE with its Call-Info line replaced by {@code header}, parsed strictly. */
  private static SIPMessage inviteWith(String header) throws ParseException {
    String invite = SipTraces.load("11-originate-auto-answer").get(0).text();
    assertThat(invite).contains("Call-Info: ;answer-after=0");
    String text = invite.replace("Call-Info: ;answer-after=0", header);
    return new StringMsgParser()
        .parseSIPMessage(
            text.getBytes(StandardCharsets.UTF_8),
            true,
            false,
            (e, m, type, h, t) -> {
              throw e;
            });
  }
}
