package io.tandemcc.pbx.ami;

import static io.tandemcc.pbx.ami.Scripts.loggedIn;
import static io.tandemcc.pbx.ami.TraceFixtures.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.pbx.ClickToDial;
import io.tandemcc.pbx.PbxText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, item 3, without a line break: Asterisk splits each {@code Variable:} value on commas
 * (outside quotes and brackets) and runs a name ending in {@code )} as a function, so the
 * attached-data value {@code 42,__CC_CALLID=x,DB(family/key)=v} set two more variables and wrote
 * the AstDB. Attached data now travels encoded, one {@code Variable:} line per variable, and reads
 * back identical from the channel's events.
 */
@DisplayName(
    "Originate variables: attached data cannot add variables, and reads back exactly as sent")
class OriginateVariablesTest extends AmiLinkTestSupport {
  private static final String ATTACK = "42,__CC_CALLID=x,DB(family/key)=v";

  @Test
  @DisplayName(
      "the comma payload travels as one encoded variable; each Variable line sets exactly one variable")
  void commasDoNotSplit() throws Exception {
    linkUpOn(loggedIn());
    String odd = "Jane \"J\" O'Neil, Ltd. (VIP) [x] \\ 50% ~ äö €";
    link.commands()
        .originate(
            new ClickToDial(
                ALICE,
                "90155501234",
                "CRM: Jane",
                Map.of(1, ATTACK, 2, "CRM-42", 3, odd),
                true,
                Duration.ofSeconds(1)));
    waitUntil(() -> !peer.received("Originate").isEmpty(), "the Originate was sent");

    List<String> variables = new ArrayList<>();
    for (String line : peer.received("Originate").get(0).lines()) {
      if (line.toLowerCase(java.util.Locale.ROOT).startsWith("variable:")) {
        variables.add(line.substring("variable:".length()).trim());
      }
    }
    assertThat(variables).as("one line per variable").hasSize(5);
    for (String variable : variables) {
      String name = variable.substring(0, variable.indexOf('='));
      String value = variable.substring(variable.indexOf('=') + 1);
      assertThat(value)
          .as("what Asterisk would split or unquote in " + variable)
          .doesNotContain(",", "\"", "\\", "(", ")", "[", "]");
      assertThat(name).matches("__CC_(TENANT|VAR[0-9]+)|PJSIP_HEADER\\(add,Call-Info\\)");
    }
    assertThat(variables)
        .contains("__CC_VAR2=CRM-42", "__CC_TENANT=acme")
        .noneMatch(v -> v.contains("DB(") || v.startsWith("__CC_CALLID"));

    // what Asterisk then reports on the channel's events reads back as the CRM sent it (the
    // screen-pop)
    Map<String, String> chanVariables = new java.util.HashMap<>();
    variables.stream()
        .filter(v -> v.startsWith("__CC_"))
        .forEach(
            v ->
                chanVariables.put(v.substring(2, v.indexOf('=')), v.substring(v.indexOf('=') + 1)));
    assertThat(ChannelVars.fromEvent(chanVariables).attachedData())
        .containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of(1, ATTACK, 2, "CRM-42", 3, odd)));
  }

  @Test
  @DisplayName(
      "encoding: plain values unchanged, others marked and reversible; dialplan values are read as they are")
  void encoding() {
    assertThat(PbxText.encodeVariable("CRM-42")).isEqualTo("CRM-42");
    assertThat(PbxText.encodeVariable("Jane Customer")).isEqualTo("Jane Customer");
    assertThat(PbxText.encodeVariable(ATTACK))
        .isEqualTo("~%42%2C__CC_CALLID%3Dx%2CDB%28family%2Fkey%29%3Dv");
    for (String s :
        List.of("", " lead", "trail ", "50%", "~%41", "~", "a,b", "\"q\"", "emoji 😀", "ä")) {
      assertThat(PbxText.decodeVariable(PbxText.encodeVariable(s))).as(s).isEqualTo(s);
    }
    // set by the dialplan (IVR, caller lookup): not our encoding, taken as it is
    assertThat(PbxText.decodeVariable("50% off")).isEqualTo("50% off");
    assertThat(PbxText.decodeVariable("~%zz")).isEqualTo("~%zz");
    assertThat(PbxText.decodeVariable("~%C3")).as("not UTF-8").isEqualTo("~%C3");
  }

  @Test
  @DisplayName(
      "the choke point refuses a variable value with a comma and an Originate of any other application")
  void guardRules() {
    var originate = new org.asteriskjava.manager.action.OriginateAction();
    originate.setChannel("PJSIP/acme-1001");
    originate.setVariable("__CC_VAR1", ATTACK);
    assertThat(refusal(originate)).contains("split");
    var system = new org.asteriskjava.manager.action.OriginateAction();
    system.setChannel("PJSIP/acme-1001");
    system.setApplication("System");
    system.setData("touch /tmp/pwned");
    assertThat(refusal(system)).contains("not one the product runs");
    var tooLong = new org.asteriskjava.manager.action.OriginateAction();
    tooLong.setChannel("PJSIP/acme-1001");
    tooLong.setCallerId("\"" + "x".repeat(1100) + "\" <1>");
    assertThat(refusal(tooLong)).contains("longer than an AMI line");
  }

  private static String refusal(org.asteriskjava.manager.action.ManagerAction action) {
    try {
      ActionGuard.check(action);
      return "";
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }
}
