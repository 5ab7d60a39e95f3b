package io.tandemcc.pbx.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PbxModelValidationTest {

  @Nested
  class Display_names {
    @ParameterizedTest
    @ValueSource(
        strings = {
          "Alice Agent",
          "Zoë Müller",
          "O'Brien, Jr.",
          "Jean-Luc",
          "Ng Ưu",
          "Łucja Żak",
          "Δημήτρης",
          "Иван Петров",
          "王小明",
          "محمد",
          "A & B Support",
          "x@y",
          "Team 2/Night",
          "a_b+c",
          "Café"
        })
    void with_letters_of_any_script_and_plain_punctuation_are_accepted(String name) {
      assertThat(PbxNames.displayNameProblem(name)).isEmpty();
      assertThat(PbxConfigRenderer.render(List.of(agentNamed(name))).pjsip())
          .contains("callerid=\"" + name + "\" <1001>\n");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "Eve\" <1002>", // ends the quoting and forges another caller id
          "Eve;comment", // ; starts a comment: the rest of the line is lost
          "Eve\ncontext=globex-agents", // a new line is a new option: another tenant's dialplan
          "Eve\r\n#exec /bin/sh", // a new line starting a directive
          "Eve\\", // escapes the closing quote
          "Eve <666>",
          "Eve>", // caller id number syntax
          "Eve (Sales",
          "Eve)",
          "Eve[1]", // change how queue member arguments are split
          "Eve ${EXTEN}",
          "Eve #1",
          "Eve=1",
          "Eve\tTab",
          "Eve\u0000",
          "Eve\u202Eevil", // right-to-left override
          "Eve\u00A0Nbsp", // no-break space
          " Eve",
          "Eve ",
          "   "
        })
    void with_characters_asterisk_cannot_hold_are_refused(String name) {
      assertThat(PbxNames.displayNameProblem(name)).isPresent();
      assertThatThrownBy(() -> PbxConfigRenderer.render(List.of(agentNamed(name))))
          .isInstanceOf(PbxModelException.class)
          .hasMessageContaining("tenant acme: display name");
    }

    @Test
    void longer_than_80_characters_are_refused_but_80_are_fine() {
      assertThat(PbxNames.displayNameProblem("é".repeat(80))).isEmpty();
      assertThat(PbxNames.displayNameProblem("é".repeat(81)))
          .hasValueSatisfying(p -> assertThat(p).contains("80"));
    }

    @Test
    void problems_show_control_characters_as_code_points_never_raw() {
      List<String> problems =
          PbxConfigRenderer.problems(List.of(agentNamed("Eve\ncontext=x\u001b[2J")));

      assertThat(problems)
          .singleElement()
          .satisfies(
              problem -> {
                assertThat(problem)
                    .doesNotContain("\n")
                    .doesNotContain("\u001b")
                    .contains("\\u000A")
                    .contains("U+000A");
              });
    }
  }

  @Nested
  class Names {
    @ParameterizedTest
    @ValueSource(
        strings = {
          "Acme",
          "acme-corp",
          "acme corp",
          "acme\n[globex-1001]",
          "acme;",
          "",
          "tandem",
          "transport",
          "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
        })
    void a_domain_must_be_lower_case_letters_and_digits_without_dash_and_not_reserved(
        String domain) {
      assertThatThrownBy(
              () ->
                  PbxConfigRenderer.render(
                      List.of(TenantPbxModel.internalOnly(domain, List.of(), List.of()))))
          .isInstanceOf(PbxModelException.class)
          .hasMessageContaining("domain");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "1",
          "123456789",
          "10a1",
          "1001\n",
          "1001,1,Dial(PJSIP/globex-1)",
          "+1001",
          "１００１"
        })
    void an_extension_must_be_2_to_8_ascii_digits(String extension) {
      assertThat(
              problemsOf(
                  new TenantPbxModel(
                      "acme", List.of(new EndpointSpec(extension, "Eve")), List.of(), null)))
          .singleElement()
          .asString()
          .contains("extension");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "support",
          "globex-support",
          "acme-",
          "acme--x-",
          "acme-Support",
          "acme-sup port",
          "acme-support\n[globex-help]",
          "acme-support;",
          "acme-support,1,Dial(x)",
          "acme-sup_port",
          "acme-sup.port",
          "acme-${EXTEN}"
        })
    void a_queue_name_must_be_the_domain_a_dash_and_lower_case_letters_digits_and_inner_dashes(
        String name) {
      assertThat(
              problemsOf(
                  new TenantPbxModel("acme", List.of(), List.of(QueueSpec.dynamic(name)), null)))
          .singleElement()
          .asString()
          .startsWith("tenant acme: queue ")
          .contains("must be \"acme-\"");
    }

    @Test
    void a_queue_name_may_be_79_characters_long_but_not_80() {
      String longest = "acme-" + "q".repeat(74);
      assertThat(
              problemsOf(
                  new TenantPbxModel("acme", List.of(), List.of(QueueSpec.dynamic(longest)), null)))
          .isEmpty();
      assertThat(
              problemsOf(
                  new TenantPbxModel(
                      "acme", List.of(), List.of(QueueSpec.dynamic(longest + "q")), null)))
          .hasSize(1);
    }

    @Test
    void two_queues_that_differ_only_in_dashes_are_refused_because_the_dialplan_ignores_dashes() {
      assertThat(
              problemsOf(
                  new TenantPbxModel(
                      "acme",
                      List.of(),
                      List.of(
                          QueueSpec.dynamic("acme-first-line"),
                          QueueSpec.dynamic("acme-firstline")),
                      null)))
          .containsExactly(
              "tenant acme: queues acme-first-line and acme-firstline differ only in dashes, which the "
                  + "dialplan ignores in extension names");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "pstn",
          "globex-pstn",
          "acme-PSTN",
          "acme-pstn\nmatch=0.0.0.0/0",
          "acme-pstn&PJSIP/x"
        })
    void a_trunk_must_be_one_of_the_tenant_s_names(String trunk) {
      assertThat(
              problemsOf(
                  new TenantPbxModel("acme", List.of(), List.of(), new OutboundRoute(trunk, null))))
          .singleElement()
          .asString()
          .startsWith("tenant acme: trunk ");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "",
          "+",
          "1",
          "+1 415",
          "+1415555010x",
          "+14155550100,evil",
          "12345678901234567890123"
        })
    void a_caller_id_number_must_be_digits_with_an_optional_plus(String number) {
      assertThat(
              problemsOf(
                  new TenantPbxModel(
                      "acme", List.of(), List.of(), new OutboundRoute("acme-pstn", number))))
          .singleElement()
          .asString()
          .contains("caller id number");
    }

    @Test
    void with_a_trunk_extensions_must_not_start_with_the_outside_line_prefixes_0_or_9() {
      TenantPbxModel tenant =
          new TenantPbxModel(
              "acme",
              List.of(
                  new EndpointSpec("9001", "A"),
                  new EndpointSpec("0100", "B"),
                  new EndpointSpec("1001", "C")),
              List.of(),
              new OutboundRoute("acme-pstn", null));

      assertThat(problemsOf(tenant))
          .containsExactly(
              "tenant acme: extension 0100 starts with 0 or 9, which send calls out through the trunk",
              "tenant acme: extension 9001 starts with 0 or 9, which send calls out through the trunk");
      assertThat(problemsOf(TenantPbxModel.internalOnly("acme", tenant.endpoints(), List.of())))
          .isEmpty();
    }
  }

  @Nested
  class References {
    @Test
    void a_static_member_must_be_an_extension_of_the_same_tenant() {
      TenantPbxModel acme =
          new TenantPbxModel(
              "acme",
              List.of(new EndpointSpec("1001", "Alice")),
              List.of(new QueueSpec("acme-support", List.of(new StaticMember("2001", 0)))),
              null);
      TenantPbxModel globex =
          TenantPbxModel.internalOnly(
              "globex", List.of(new EndpointSpec("2001", "Gina")), List.of());

      assertThat(problemsOf(acme, globex))
          .containsExactly(
              "tenant acme: static member \"2001\" of queue acme-support is not an extension of this tenant");
    }

    @Test
    void a_static_member_is_listed_once_with_a_penalty_from_0_to_1000() {
      TenantPbxModel acme =
          new TenantPbxModel(
              "acme",
              List.of(new EndpointSpec("1001", "Alice")),
              List.of(
                  new QueueSpec(
                      "acme-support",
                      List.of(new StaticMember("1001", 0), new StaticMember("1001", -1)))),
              null);

      assertThat(problemsOf(acme))
          .containsExactly(
              "tenant acme: static member 1001 is listed twice in queue acme-support",
              "tenant acme: penalty -1 of static member \"1001\" in queue acme-support must be 0 to 1000");
    }

    @Test
    void extensions_and_queues_are_defined_once_per_tenant() {
      TenantPbxModel acme =
          new TenantPbxModel(
              "acme",
              List.of(new EndpointSpec("1001", "Alice"), new EndpointSpec("1001", "Alice again")),
              List.of(QueueSpec.dynamic("acme-support"), QueueSpec.dynamic("acme-support")),
              null);

      assertThat(problemsOf(acme))
          .containsExactly(
              "tenant acme: extension 1001 is defined twice",
              "tenant acme: queue acme-support is defined twice");
    }
  }

  @Nested
  class Two_tenants {
    @Test
    void never_share_a_domain() {
      TenantPbxModel first = DemoPbxModel.acme();
      TenantPbxModel second =
          TenantPbxModel.internalOnly(
              "acme", List.of(new EndpointSpec("1001", "Mallory")), List.of());

      assertThatThrownBy(() -> PbxConfigRenderer.render(List.of(first, second)))
          .isInstanceOfSatisfying(
              PbxModelException.class,
              e ->
                  assertThat(e.problems())
                      .containsExactly("tenant acme: tenant acme is defined twice"));
    }

    @Test
    void never_share_a_queue_or_a_trunk_because_each_name_must_carry_its_own_domain() {
      TenantPbxModel mallory =
          new TenantPbxModel(
              "mallory",
              List.of(),
              List.of(QueueSpec.dynamic("acme-support")),
              new OutboundRoute("acme-pstn", null));

      assertThat(problemsOf(DemoPbxModel.acme(), mallory))
          .hasSize(2)
          .allSatisfy(
              p -> assertThat(p).startsWith("tenant mallory: ").contains("must be \"mallory-\""));
    }

    @Test
    void never_produce_the_same_pbx_name_even_when_their_domains_are_prefixes_of_each_other() {
      // "acme" and "acme1": endpoint acme-11001 of one can never be endpoint acme1-1001 of the
      // other.
      TenantPbxModel acme =
          new TenantPbxModel(
              "acme",
              List.of(new EndpointSpec("11001", "A")),
              List.of(QueueSpec.dynamic("acme-1-support")),
              new OutboundRoute("acme-1-pstn", null));
      TenantPbxModel acme1 =
          new TenantPbxModel(
              "acme1",
              List.of(new EndpointSpec("1001", "B")),
              List.of(QueueSpec.dynamic("acme1-support")),
              new OutboundRoute("acme1-pstn", null));

      PbxConfig config = PbxConfigRenderer.render(List.of(acme, acme1));

      assertThat(config.pjsip())
          .contains("[acme-11001](tandem-webrtc-agent)", "[acme1-1001](tandem-webrtc-agent)");
      assertThat(config.extensions())
          .contains("[acme-agents]", "[acme1-agents]", "[acme-queue-entry]", "[acme1-queue-entry]");
    }

    @Test
    void with_problems_report_all_of_them_in_input_order() {
      TenantPbxModel bad =
          new TenantPbxModel(
              "bad",
              List.of(new EndpointSpec("x", "Eve")),
              List.of(QueueSpec.dynamic("other-q")),
              null);
      TenantPbxModel worse = TenantPbxModel.internalOnly("Worse", List.of(), List.of());

      assertThat(problemsOf(DemoPbxModel.acme(), bad, worse))
          .hasSize(3)
          .satisfiesExactly(
              p -> assertThat(p).startsWith("tenant bad: extension"),
              p -> assertThat(p).startsWith("tenant bad: queue"),
              p -> assertThat(p).startsWith("domain \"Worse\""));
    }
  }

  private static TenantPbxModel agentNamed(String displayName) {
    return TenantPbxModel.internalOnly(
        "acme", List.of(new EndpointSpec("1001", displayName)), List.of());
  }

  private static List<String> problemsOf(TenantPbxModel... tenants) {
    return PbxConfigRenderer.problems(List.of(tenants));
  }
}
