package io.tandemcc.pbx.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Reload survival's dialplan (docs/webphone.md): the generated holding context and the shared
 * subroutines.
 */
@DisplayName(
    "Reload survival dialplan: <tenant>-reattach is generated and calls the subroutines of extensions.conf")
class ReattachDialplanTest {

  @Test
  @DisplayName("one extension per queue to go back to, 'hangup' for none, 'agent' for the new leg")
  void generatedContext() {
    String dialplan = PbxConfigRenderer.render(List.of(DemoPbxModel.acme())).extensions();
    String section = dialplan.substring(dialplan.indexOf("[acme-reattach]"));
    assertThat(section)
        .contains(
            "exten => acme-support,1,Gosub(tandem-reattach,s,1(acme,acme-support))\n same => n,Hangup()",
            "exten => acme-sales,1,Gosub(tandem-reattach,s,1(acme,acme-sales))",
            "exten => " + PbxNames.REATTACH_HANGUP + ",1,Gosub(tandem-reattach,s,1(acme,))",
            "exten => " + PbxNames.REATTACH_AGENT + ",1,Gosub(tandem-reattach-agent,s,1())");
    assertThat(PbxNames.reattachContext("acme")).isEqualTo("acme-reattach");
  }

  @Test
  @DisplayName(
      "extensions.conf holds the subroutines: MusicOnHold for the grace, the head of the queue after it, "
          + "and the end of the call after a reattached bridge")
  void sharedSubroutines() throws IOException {
    String conf =
        Files.readString(
            io.tandemcc.testkit.TestData.root()
                .getParent()
                .resolve("asterisk-conf/extensions.conf"));
    String reattach =
        conf.substring(conf.indexOf("[tandem-reattach]"), conf.indexOf("[tandem-reattach-agent]"));
    assertThat(reattach)
        .contains(
            "MusicOnHold(,${TANDEM_REATTACH_GRACE})",
            "GotoIf($[\"${TANDEM_REATTACHED}\" = \"1\"]?over)",
            "Queue(${ARG2},t,,,,,,,1)");
    String agent = conf.substring(conf.indexOf("[tandem-reattach-agent]"));
    assertThat(agent).contains("Wait(20)");
  }
}
