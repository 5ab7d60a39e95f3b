package io.tandemcc.pbx.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.pbx.UpstreamCredentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PbxConfigRendererTest {
  /**
   * Run the tests with -Dtandem.regenerateExamples=true to rewrite asterisk-conf/tandem/ from the
   * renderer.
   */
  private static final boolean REGENERATE = Boolean.getBoolean("tandem.regenerateExamples");

  /**
   * The published secret of the committed examples (asterisk-conf/tandem/): a real server rewrites
   * the file with passwords from its own SIP_UPSTREAM_SECRET at its first provisioning run.
   */
  static final String EXAMPLE_SECRET = "example-only-replaced-by-the-server-SIP_UPSTREAM_SECRET";

  @Nested
  class The_committed_examples {
    @Test
    void are_exactly_what_the_renderer_produces_for_the_demo_tenant() throws IOException {
      Map<String, String> files =
          PbxConfigRenderer.render(
                  List.of(DemoPbxModel.acme()), new UpstreamCredentials(EXAMPLE_SECRET))
              .files();
      assertThat(files.keySet())
          .containsExactly(PbxConfig.PJSIP_FILE, PbxConfig.QUEUES_FILE, PbxConfig.EXTENSIONS_FILE);
      for (Map.Entry<String, String> file : files.entrySet()) {
        Path example = AsteriskConfDir.generated(file.getKey());
        if (REGENERATE) {
          Files.writeString(example, file.getValue(), StandardCharsets.UTF_8);
        }
        assertThat(AsteriskConfDir.read(example)).as(example.toString()).isEqualTo(file.getValue());
      }
    }
  }

  @Nested
  class The_output {
    @Test
    void refuses_blocked_premium_and_international_numbers_ahead_of_the_trunk() {
      // international off in country +1, premium +900 and 0900 (national: +1900), blocked +1976
      var rules =
          new io.tandemcc.tenant.OutboundRules(
              "1", List.of(), List.of("+1976"), List.of("+900", "0900"), false, false, 10, 1);
      TenantPbxModel t =
          new TenantPbxModel(
              "tollco",
              List.of(new EndpointSpec("1001", "A")),
              List.of(),
              new OutboundRoute(
                  "tollco-pstn",
                  null,
                  List.copyOf(rules.dialplanRefusals()),
                  List.copyOf(rules.dialplanAdmissions())));
      String dialplan = PbxConfigRenderer.render(List.of(t)).extensions();
      // every way of dialling a refused prefix hangs up before the trunk: +, 00, 9 + 00, and 0 / 9
      // + 0 for +1...
      for (String refused :
          List.of(
              "_+900.",
              "_00900.",
              "_900900.",
              "_+1900.",
              "_001900.",
              "_9001900.",
              "_0900.",
              "_90900.",
              "_+1976.",
              "_001976.",
              "_9001976.",
              "_0976.",
              "_90976.",
              "_00.",
              "_900.")) {
        assertThat(dialplan).contains("exten => " + refused + ",1,Hangup(21)\n");
      }
      // every + number is refused in place of the trunk's _+X. ; the own country +1 / 001 / 9001
      // goes to the trunk
      assertThat(dialplan).contains("exten => _+X.,1,Hangup(21)\n").doesNotContain("_+X.,1,Set(");
      for (String admitted : List.of("_+1.", "_001.", "_9001.")) {
        assertThat(dialplan).contains("exten => " + admitted + ",1,Set(TANDEM_DIALED=");
      }
      assertThat(dialplan)
          .contains("exten => _+1.,1,Set(TANDEM_DIALED=${EXTEN:1})\n")
          .contains("exten => _001.,1,Set(TANDEM_DIALED=${EXTEN})\n")
          .contains("exten => _9001.,1,Set(TANDEM_DIALED=${EXTEN:1})\n");
      // national numbers keep their patterns
      assertThat(dialplan).contains("exten => _9X.,1,Set(").contains("exten => _0X.,1,Set(");
    }

    @Test
    void refuses_nothing_more_for_a_tenant_with_international_and_premium_allowed() {
      var rules =
          new io.tandemcc.tenant.OutboundRules(
              "49", List.of(), List.of(), List.of("0900"), true, true, 10, 1);
      assertThat(rules.dialplanRefusals()).isEmpty();
      assertThat(rules.dialplanAdmissions()).isEmpty();
      String dialplan =
          PbxConfigRenderer.render(
                  List.of(
                      new TenantPbxModel(
                          "open",
                          List.of(),
                          List.of(),
                          new OutboundRoute("open-pstn", null, List.of(), List.of()))))
              .extensions();
      assertThat(dialplan).doesNotContain("Hangup(21)").contains("exten => _+X.,1,Set(");
    }

    @Test
    void does_not_depend_on_the_order_of_the_input() {
      TenantPbxModel acme = DemoPbxModel.acme();
      List<EndpointSpec> endpoints = new ArrayList<>(acme.endpoints());
      Collections.reverse(endpoints);
      List<QueueSpec> queues = new ArrayList<>(acme.queues());
      Collections.reverse(queues);
      TenantPbxModel shuffled = new TenantPbxModel("acme", endpoints, queues, acme.outbound());

      assertThat(PbxConfigRenderer.render(List.of(globex(), shuffled)))
          .isEqualTo(PbxConfigRenderer.render(List.of(acme, globex())));
    }

    @Test
    void orders_extensions_numerically_and_tenants_by_domain() {
      TenantPbxModel zeta =
          TenantPbxModel.internalOnly(
              "zeta",
              List.of(new EndpointSpec("1001", "A"), new EndpointSpec("99", "B")),
              List.of());
      String pjsip = PbxConfigRenderer.render(List.of(zeta, globex())).pjsip();

      assertThat(pjsip.indexOf("[globex-2001]")).isLessThan(pjsip.indexOf("[zeta-99]"));
      assertThat(pjsip.indexOf("[zeta-99]")).isLessThan(pjsip.indexOf("[zeta-1001]"));
      assertThat(pjsip).contains("; Tenants: globex, zeta\n");
    }

    @Test
    void for_no_tenant_is_three_valid_files_with_only_their_headers() {
      PbxConfig config = PbxConfigRenderer.render(List.of());

      assertThat(config.files().values())
          .allSatisfy(
              text -> {
                assertThat(text).contains("; Tenants: (none)\n");
                assertThat(text.lines()).allMatch(line -> line.startsWith(";"));
              });
    }
  }

  @Nested
  class Endpoints {
    @Test
    void quote_the_display_name_and_carry_tenant_context_aor_and_tenant_id() {
      String pjsip = PbxConfigRenderer.render(List.of(globex())).pjsip();

      assertThat(pjsip)
          .contains(
              """

          [globex-2001](tandem-webrtc-agent)
          callerid="Zoë Müller-O'Brien, Jr." <2001>
          context=globex-agents
          aors=globex-2001
          tenantid=globex

          [globex-2001](tandem-webrtc-agent-aor)
          """);
    }

    @Test
    void without_upstream_credentials_never_get_a_password() {
      PbxConfig config = PbxConfigRenderer.render(List.of(DemoPbxModel.acme(), globex()));

      assertThat(settings(config.pjsip()))
          .noneMatch(line -> line.startsWith("auth") || line.contains("password"));
    }

    @Test
    void
        with_upstream_credentials_each_get_an_auth_object_with_the_derived_password_and_reference_it() {
      String secret = "renderer-test-secret-0123456789-abcdefgh";
      UpstreamCredentials credentials = new UpstreamCredentials(secret);
      PbxConfig config =
          PbxConfigRenderer.render(List.of(DemoPbxModel.acme(), globex()), credentials);
      String pjsip = config.pjsip();

      assertThat(pjsip)
          .contains(
              """

          [globex-2001](tandem-webrtc-agent)
          callerid="Zoë Müller-O'Brien, Jr." <2001>
          context=globex-agents
          aors=globex-2001
          tenantid=globex
          auth=globex-2001

          [globex-2001](tandem-webrtc-agent-aor)

          [globex-2001](tandem-webrtc-agent-auth)
          username=globex-2001
          realm=tandem
          password="""
                  + credentials.password("globex-2001")
                  + "\n");
      for (String endpoint : List.of("acme-1001", "acme-1002", "globex-2002")) {
        assertThat(pjsip)
            .contains(
                "\nauth=" + endpoint + "\n",
                "\nusername=" + endpoint + "\n",
                "\npassword=" + credentials.password(endpoint) + "\n");
      }
      assertThat(credentials.password("acme-1001")).isNotEqualTo(credentials.password("acme-1002"));
      // the secret itself is in no generated file; a new secret gives every agent a new password
      assertThat(config.files().values()).noneMatch(text -> text.contains(secret));
      assertThat(
              PbxConfigRenderer.render(
                      List.of(globex()), new UpstreamCredentials(secret + "-rotated"))
                  .pjsip())
          .doesNotContain(credentials.password("globex-2001"), credentials.password("globex-2002"));
    }
  }

  @Nested
  class Queues {
    @Test
    void list_static_members_paused_with_their_penalty_and_quoted_name() {
      String queues = PbxConfigRenderer.render(List.of(globex())).queues();

      assertThat(queues)
          .contains(
              """

          [globex-help](tandem-queue)
          member => PJSIP/globex-2001,0,"Zoë Müller-O'Brien, Jr.",,,,yes
          member => PJSIP/globex-2002,5,"Sam Smith",,,,yes
          """);
    }

    @Test
    void without_static_members_are_just_the_template() {
      String queues = PbxConfigRenderer.render(List.of(DemoPbxModel.acme())).queues();

      assertThat(queues).contains("\n[acme-support](tandem-queue)\n");
      assertThat(settings(queues)).noneMatch(line -> line.startsWith("member"));
    }
  }

  @Nested
  class Dialplan {
    @Test
    void lets_agents_dial_each_colleague_by_extension() {
      String dialplan = PbxConfigRenderer.render(List.of(globex())).extensions();

      assertThat(dialplan)
          .contains(
              """
          exten => 2001,1,Gosub(tandem-agent-dial,agent,1(globex,2001))
           same => n,Hangup()
          exten => 2002,1,Gosub(tandem-agent-dial,agent,1(globex,2002))
           same => n,Hangup()
          """);
    }

    @Test
    void sends_9_0_and_plus_numbers_through_the_tenants_trunk_with_its_caller_id() {
      String dialplan = PbxConfigRenderer.render(List.of(DemoPbxModel.acme())).extensions();

      assertThat(dialplan)
          .contains(
              """
          exten => _9X.,1,Set(TANDEM_DIALED=${EXTEN:1})
           same => n,Gosub(tandem-agent-dial,external,1(acme,acme-pstn,,+14155550100))
          """)
          .contains(
              """
          exten => _+1.,1,Set(TANDEM_DIALED=${EXTEN:1})
           same => n,Gosub(tandem-agent-dial,external,1(acme,acme-pstn,+,+14155550100))
          """)
          .contains("exten => _0X.,1,Set(TANDEM_DIALED=${EXTEN})")
          .as("the demo tenant has international calls off: other + numbers are refused")
          .contains("exten => _+X.,1,Hangup(21)");
    }

    @Test
    void has_no_outside_line_for_a_tenant_without_trunk() {
      String dialplan = PbxConfigRenderer.render(List.of(globex())).extensions();

      assertThat(dialplan).doesNotContain("_9X.").doesNotContain("external");
    }

    @Test
    void opens_the_tenants_conference_rooms_by_the_digits_of_the_extension_only() {
      String dialplan =
          PbxConfigRenderer.render(List.of(DemoPbxModel.acme(), globex())).extensions();

      assertThat(dialplan)
          .contains(
              """

          [acme-conf]
          ; Conference rooms of tenant acme: the server's AMI Redirect or Originate to <room number>,1.
          exten => _X.,1,Set(TANDEM_ROOM=${FILTER(0-9,${EXTEN})})
           same => n,Gosub(tandem-conference,s,1(acme))
           same => n,Hangup()
          """)
          .contains("[globex-conf]")
          .contains("n,Gosub(tandem-conference,s,1(globex))");
    }

    @Test
    void enters_each_queue_through_an_extension_named_like_it() {
      String dialplan = PbxConfigRenderer.render(List.of(DemoPbxModel.acme())).extensions();

      assertThat(dialplan)
          .contains(
              """

          [acme-queue-entry]
          ; Into a queue of tenant acme: Goto, AMI Redirect or BlindTransfer to <queue name>,1 here.
          exten => acme-sales,1,Gosub(tandem-queue-entry,s,1(acme,acme-sales))
           same => n,Hangup()
          exten => acme-support,1,Gosub(tandem-queue-entry,s,1(acme,acme-support))
           same => n,Hangup()
          """);
    }
  }

  /** The lines of a generated file that are not comments. */
  static List<String> settings(String text) {
    return text.lines().filter(line -> !line.startsWith(";")).toList();
  }

  /** A second tenant with a name that needs quoting, static members and no trunk. */
  static TenantPbxModel globex() {
    return TenantPbxModel.internalOnly(
        "globex",
        List.of(
            new EndpointSpec("2002", "Sam Smith"),
            new EndpointSpec("2001", "Zoë Müller-O'Brien, Jr.")),
        List.of(
            new QueueSpec(
                "globex-help", List.of(new StaticMember("2002", 5), new StaticMember("2001", 0)))));
  }
}
