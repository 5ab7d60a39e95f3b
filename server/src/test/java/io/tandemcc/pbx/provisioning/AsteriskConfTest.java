package io.tandemcc.pbx.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.pbx.UpstreamCredentials;
import io.tandemcc.pbx.provisioning.ConfFile.Option;
import io.tandemcc.pbx.provisioning.ConfFile.Section;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Static checks of the shipped asterisk-conf/ (no Asterisk needed), with the demo tenant's
 * generated examples.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AsteriskConfTest {
  private static final Path ROOT = AsteriskConfDir.root();
  private static final List<String> STATIC_FILES =
      List.of(
          "pjsip.conf",
          "http.conf",
          "manager.conf",
          "queues.conf",
          "extensions.conf",
          "features.conf",
          "musiconhold.conf",
          "rtp.conf",
          "modules.conf",
          "logger.conf",
          "confbridge.conf");
  private static final Set<String> LOOPBACK_PERMITS =
      Set.of("127.0.0.1/255.255.255.255", "::1/128");
  private static final Set<String> DENY_ALL = Set.of("0.0.0.0/0.0.0.0", "::/0");

  private static ConfFile parse(String file) {
    return ConfFile.parse(ROOT, file);
  }

  @Nested
  class Includes {
    @ParameterizedTest
    @ValueSource(
        strings = {
          "pjsip.conf",
          "http.conf",
          "manager.conf",
          "queues.conf",
          "extensions.conf",
          "features.conf",
          "musiconhold.conf",
          "rtp.conf",
          "modules.conf",
          "logger.conf",
          "confbridge.conf"
        })
    void every_include_target_exists_and_nothing_is_executed(String file) {
      assertThat(parse(file).includes)
          .allSatisfy(
              include -> {
                assertThat(include.kind()).as(include.toString()).isIn("include", "tryinclude");
                assertThat(include.exists()).as(include.toString()).isTrue();
              });
    }

    @Test
    void each_generated_file_is_included_by_its_static_file_from_the_tandem_directory() {
      Map<String, String> expected =
          Map.of(
              "pjsip.conf",
              PbxConfig.PJSIP_FILE,
              "queues.conf",
              PbxConfig.QUEUES_FILE,
              "extensions.conf",
              PbxConfig.EXTENSIONS_FILE);
      expected.forEach(
          (file, generated) ->
              assertThat(parse(file).includes)
                  .as(file)
                  .extracting(ConfFile.Include::target)
                  .containsExactly(PbxConfig.DIRECTORY + "/" + generated));
    }

    @Test
    void every_file_starts_with_a_comment_saying_what_it_is_for_and_what_to_change()
        throws Exception {
      for (String file : STATIC_FILES) {
        String head =
            Files.readString(ROOT.resolve(file))
                .lines()
                .limit(30)
                .collect(Collectors.joining("\n"));
        assertThat(head)
            .as(file)
            .startsWith("; ===")
            .contains("; " + file + " — ")
            .contains("What it is for")
            .contains("What to change");
      }
    }
  }

  @Nested
  class Templates {
    @ParameterizedTest
    @ValueSource(strings = {"pjsip.conf", "queues.conf", "extensions.conf"})
    void every_template_referenced_is_defined_as_a_template_before_it_is_used(String file) {
      List<Section> sections = parse(file).sections;
      for (int i = 0; i < sections.size(); i++) {
        Section section = sections.get(i);
        List<Section> before = sections.subList(0, i);
        for (String template : section.templates()) {
          assertThat(before)
              .as("[%s](%s) at %s:%d", section.name(), template, section.file(), section.line())
              .anyMatch(s -> s.template() && s.name().equals(template));
        }
      }
    }

    @Test
    void the_renderer_uses_the_templates_the_static_files_define() {
      assertThat(parse("pjsip.conf").section(PjsipRenderer.AGENT_TEMPLATE))
          .hasValueSatisfying(s -> assertThat(s.template()).isTrue());
      assertThat(parse("pjsip.conf").section(PjsipRenderer.AOR_TEMPLATE))
          .hasValueSatisfying(s -> assertThat(s.template()).isTrue());
      assertThat(parse("pjsip.conf").section(PjsipRenderer.AUTH_TEMPLATE))
          .hasValueSatisfying(s -> assertThat(s.template()).isTrue());
      assertThat(parse("queues.conf").section(QueuesRenderer.QUEUE_TEMPLATE))
          .hasValueSatisfying(s -> assertThat(s.template()).isTrue());
    }
  }

  @Nested
  class Manager {
    @Test
    void channelvars_are_exactly_cc_var1_to_cc_var10_then_cc_tenant_and_cc_callid() {
      List<String> expected = new ArrayList<>();
      IntStream.rangeClosed(1, 10).forEach(i -> expected.add("CC_VAR" + i));
      expected.add("CC_TENANT");
      expected.add("CC_CALLID");

      assertThat(List.of(parse("manager.conf").value("general", "channelvars").split(",")))
          .containsExactlyElementsOf(expected);
    }

    @Test
    void ami_listens_on_loopback_only_without_http_and_the_tandem_user_is_loopback_only() {
      ConfFile manager = parse("manager.conf");

      assertThat(manager.value("general", "bindaddr")).isEqualTo("127.0.0.1");
      assertThat(manager.value("general", "webenabled")).isEqualTo("no");
      assertThat(manager.values("tandem", "deny")).containsExactlyInAnyOrderElementsOf(DENY_ALL);
      assertThat(manager.values("tandem", "permit"))
          .containsExactlyInAnyOrderElementsOf(LOOPBACK_PERMITS);
    }

    @Test
    void the_tandem_user_reads_what_the_server_needs_and_never_the_per_packet_noise_classes() {
      ConfFile manager = parse("manager.conf");

      assertThat(manager.value("tandem", "read").split(","))
          .contains("system", "call", "agent", "dialplan")
          .doesNotContain("all", "reporting", "cdr", "dtmf");
      assertThat(manager.value("tandem", "write").split(","))
          .contains("call", "agent", "command", "originate")
          .doesNotContain("all", "config", "system");
    }

    @Test
    void event_filters_use_the_advanced_syntax_asterisk_22_accepts() {
      Pattern criteria = Pattern.compile("eventfilter\\((.*)\\)");
      Pattern part = Pattern.compile("(action|name|header|method)\\(([^()]*)\\)");
      List<Option> filters =
          parse("manager.conf").optionsOf("tandem").stream()
              .filter(o -> o.key().startsWith("eventfilter"))
              .toList();

      assertThat(filters)
          .isNotEmpty()
          .allSatisfy(
              filter -> {
                Matcher whole = criteria.matcher(filter.key());
                assertThat(whole.matches()).as(filter.key()).isTrue();
                String method = "none";
                for (String item : whole.group(1).split(",")) {
                  Matcher m = part.matcher(item);
                  assertThat(m.matches()).as(item).isTrue();
                  switch (m.group(1)) {
                    case "action" ->
                        assertThat(m.group(2))
                            .isEqualTo("exclude"); // only excludes: all else is delivered
                    case "method" -> method = m.group(2);
                    default -> assertThat(m.group(2)).isNotBlank();
                  }
                }
                assertThat(method)
                    .isIn("none", "regex", "exact", "starts_with", "ends_with", "contains");
                assertThat(filter.value().isEmpty())
                    .as("pattern of " + filter.key())
                    .isEqualTo(method.equals("none"));
              });
    }

    @Test
    void the_varset_filter_drops_every_variable_but_ours() {
      Pattern dropped =
          Pattern.compile(
              parse("manager.conf").optionsOf("tandem").stream()
                  .filter(o -> o.key().contains("name(VarSet)"))
                  .map(Option::value)
                  .findFirst()
                  .orElseThrow());
      Stream.of(
              "CC_VAR1",
              "CC_VAR10",
              "CC_TENANT",
              "CC_CALLID",
              "_CC_VAR3",
              "__CC_VAR8",
              "__CC_TENANT",
              "__CC_CALLID")
          .forEach(kept -> assertThat(dropped.matcher(kept).find()).as(kept).isFalse());
      Stream.of(
              "BRIDGEPEER",
              "QUEUENAME",
              "MEMBERINTERFACE",
              "RTPAUDIOQOS",
              "DIALSTATUS",
              "C",
              "CC",
              "CCX",
              "CDR(x)",
              "CALLERID",
              "_",
              "__",
              "_X",
              "__X",
              "_C",
              "__CCX",
              "___CC_VAR1",
              "TANDEM_DIALED")
          .forEach(gone -> assertThat(dropped.matcher(gone).find()).as(gone).isTrue());
    }
  }

  @Nested
  class Loopback {
    @Test
    void the_http_server_that_carries_the_sip_websocket_is_bound_to_127_0_0_1_without_tls() {
      ConfFile http = parse("http.conf");

      assertThat(http.value("general", "enabled")).isEqualTo("yes");
      assertThat(http.value("general", "bindaddr")).isEqualTo("127.0.0.1");
      assertThat(http.value("general", "tlsenable")).isEqualTo("no");
      assertThat(http.value("/ws", "type")).isEqualTo("restriction");
      assertThat(http.values("/ws", "deny")).containsExactlyInAnyOrderElementsOf(DENY_ALL);
      assertThat(http.values("/ws", "permit"))
          .containsExactlyInAnyOrderElementsOf(LOOPBACK_PERMITS);
    }

    @Test
    void the_only_websocket_transport_is_plain_ws_on_127_0_0_1() {
      ConfFile pjsip = parse("pjsip.conf");
      List<Section> transports =
          pjsip.sections.stream()
              .filter(s -> pjsip.type(s).orElse("").equals("transport"))
              .toList();

      assertThat(transports)
          .filteredOn(s -> pjsip.value(s.name(), "protocol").startsWith("ws"))
          .singleElement()
          .satisfies(
              ws -> {
                assertThat(pjsip.value(ws.name(), "protocol")).isEqualTo("ws");
                assertThat(pjsip.value(ws.name(), "bind")).isEqualTo("127.0.0.1");
              });
    }

    @Test
    void agent_endpoints_answer_only_to_loopback_and_authenticate_with_their_own_generated_auth() {
      ConfFile pjsip = parse("pjsip.conf");
      String template = PjsipRenderer.AGENT_TEMPLATE;

      assertThat(pjsip.values(template, "deny")).containsExactlyInAnyOrderElementsOf(DENY_ALL);
      assertThat(pjsip.values(template, "permit"))
          .containsExactlyInAnyOrderElementsOf(LOOPBACK_PERMITS);
      assertThat(pjsip.value(template, "identify_by")).isEqualTo("username");
      assertThat(pjsip.value(template, "transport")).isEqualTo("transport-ws");
      assertThat(pjsip.optionsOf(template)).noneMatch(o -> o.key().equals("auth"));
      List<Section> agents =
          pjsip.sections.stream().filter(s -> s.templates().contains(template)).toList();
      assertThat(agents).as("generated agent endpoints").isNotEmpty();
      for (Section agent : agents) {
        // a generated endpoint may neither add a password nor weaken the template's ACL
        assertThat(pjsip.options)
            .filteredOn(o -> o.section() == agent)
            .extracting(Option::key)
            .as("[%s] at %s:%d", agent.name(), agent.file(), agent.line())
            .doesNotContain("outbound_auth", "deny", "permit", "acl", "identify_by", "transport");
        // ... and authenticates with its own auth object, in the realm the proxy answers
        assertThat(pjsip.value(agent.name(), "auth")).as(agent.name()).isEqualTo(agent.name());
        Section auth =
            pjsip.sections.stream()
                .filter(
                    s ->
                        s.name().equals(agent.name())
                            && s.templates().contains(PjsipRenderer.AUTH_TEMPLATE))
                .findFirst()
                .orElseThrow();
        assertThat(pjsip.options)
            .filteredOn(o -> o.section() == auth)
            .extracting(Option::key)
            .containsExactly("username", "realm", "password");
        assertThat(pjsip.options)
            .filteredOn(o -> o.section() == auth && o.key().equals("realm"))
            .extracting(Option::value)
            .containsExactly(UpstreamCredentials.REALM);
      }
      assertThat(pjsip.value(PjsipRenderer.AUTH_TEMPLATE, "type")).isEqualTo("auth");
      assertThat(pjsip.value(PjsipRenderer.AUTH_TEMPLATE, "auth_type")).isEqualTo("digest");
    }

    @Test
    void agents_use_webrtc_with_dtls_srtp_ice_rtcp_mux_and_avpf_and_stay_in_the_media_path() {
      ConfFile pjsip = parse("pjsip.conf");
      Map<String, String> expected =
          Map.of(
              "webrtc",
              "yes",
              "media_encryption",
              "dtls",
              "dtls_auto_generate_cert",
              "yes",
              "ice_support",
              "yes",
              "rtcp_mux",
              "yes",
              "use_avpf",
              "yes",
              "direct_media",
              "no",
              "disallow",
              "all",
              "allow",
              "ulaw,alaw,opus");
      expected.forEach(
          (key, value) ->
              assertThat(pjsip.value(PjsipRenderer.AGENT_TEMPLATE, key)).as(key).isEqualTo(value));
      assertThat(pjsip.value(PjsipRenderer.AOR_TEMPLATE, "max_contacts")).isEqualTo("1");
      assertThat(pjsip.value(PjsipRenderer.AOR_TEMPLATE, "remove_existing")).isEqualTo("yes");
    }

    @Test
    void no_trunk_is_identified_by_a_loopback_address() {
      ConfFile pjsip = parse("pjsip.conf");

      assertThat(pjsip.options)
          .filteredOn(o -> o.key().equals("match"))
          .noneMatch(
              o ->
                  o.value().startsWith("127.")
                      || o.value().startsWith("::1")
                      || o.value().startsWith("0."));
    }
  }

  @Nested
  class Options {
    /**
     * Option names per file and section kind, each checked against Asterisk 22.10.1's samples and
     * docs.
     */
    private static Map<String, Map<String, Set<String>>> known() {
      Map<String, Map<String, Set<String>>> known = new java.util.HashMap<>(BASE);
      known.put(
          "confbridge.conf",
          Map.of(
              "bridge", Set.of("type", "max_members"),
              "user",
                  Set.of(
                      "type",
                      "admin",
                      "marked",
                      "quiet",
                      "announce_only_user",
                      "announce_user_count",
                      "announce_join_leave",
                      "music_on_hold_when_empty",
                      "dtmf_passthrough"),
              "menu", Set.of("type")));
      return Map.copyOf(known);
    }

    private static final Map<String, Map<String, Set<String>>> BASE =
        Map.of(
            "pjsip.conf",
                Map.of(
                    "global", Set.of("type", "endpoint_identifier_order"),
                    "transport",
                        Set.of(
                            "type",
                            "protocol",
                            "bind",
                            "local_net",
                            "external_media_address",
                            "external_signaling_address"),
                    "endpoint",
                        Set.of(
                            "type",
                            "transport",
                            "identify_by",
                            "deny",
                            "permit",
                            "webrtc",
                            "media_encryption",
                            "dtls_auto_generate_cert",
                            "ice_support",
                            "rtcp_mux",
                            "use_avpf",
                            "direct_media",
                            "disallow",
                            "allow",
                            "dtmf_mode",
                            "allow_subscribe",
                            "trust_id_inbound",
                            "trust_id_outbound",
                            "moh_suggest",
                            "rtp_timeout",
                            "rtp_timeout_hold",
                            "callerid",
                            "context",
                            "aors",
                            "tenantid",
                            "rtp_symmetric",
                            "force_rport",
                            "rewrite_contact",
                            "outbound_auth",
                            "from_user",
                            "auth"),
                    "aor",
                        Set.of(
                            "type",
                            "max_contacts",
                            "remove_existing",
                            "qualify_frequency",
                            "contact"),
                    "identify", Set.of("type", "endpoint", "match"),
                    "auth", Set.of("type", "auth_type", "username", "password", "realm"),
                    "registration",
                        Set.of(
                            "type",
                            "transport",
                            "outbound_auth",
                            "server_uri",
                            "client_uri",
                            "contact_user",
                            "retry_interval")),
            "http.conf",
                Map.of(
                    "general",
                        Set.of(
                            "servername",
                            "enabled",
                            "bindaddr",
                            "bindport",
                            "tlsenable",
                            "enable_static",
                            "enable_status",
                            "sessionlimit"),
                    "restriction", Set.of("type", "deny", "permit")),
            "manager.conf",
                Map.of(
                    "general",
                        Set.of(
                            "enabled",
                            "webenabled",
                            "port",
                            "bindaddr",
                            "displayconnects",
                            "timestampevents",
                            "channelvars"),
                    "user",
                        Set.of(
                            "secret",
                            "deny",
                            "permit",
                            "read",
                            "write",
                            "writetimeout",
                            "eventfilter")),
            "queues.conf",
                Map.of(
                    "general", Set.of("persistentmembers", "autofill", "monitor-type"),
                    "queue",
                        Set.of(
                            "strategy",
                            "timeout",
                            "retry",
                            "wrapuptime",
                            "ringinuse",
                            "autopause",
                            "joinempty",
                            "leavewhenempty",
                            "setinterfacevar",
                            "setqueuevar",
                            "setqueueentryvar",
                            "musicclass",
                            "announce-position",
                            "announce-holdtime",
                            "servicelevel",
                            "member")),
            "extensions.conf",
                Map.of(
                    "general",
                        Set.of("static", "writeprotect", "autofallthrough", "clearglobalvars"),
                    "context", Set.of("exten", "same", "include")),
            "features.conf",
                Map.of(
                    "general",
                        Set.of("atxferabort", "atxfercomplete", "atxferthreeway", "atxferswap"),
                    "featuremap", Set.of("blindxfer", "atxfer")),
            "musiconhold.conf", Map.of("class", Set.of("mode", "directory", "sort")),
            "rtp.conf", Map.of("general", Set.of("rtpstart", "rtpend", "strictrtp", "icesupport")),
            "modules.conf", Map.of("modules", Set.of("autoload", "require", "noload")),
            "logger.conf", Map.of("general", Set.of("dateformat")));

    private static final Map<String, Map<String, Set<String>>> KNOWN = known();

    @ParameterizedTest
    @ValueSource(
        strings = {
          "pjsip.conf",
          "http.conf",
          "manager.conf",
          "queues.conf",
          "extensions.conf",
          "features.conf",
          "musiconhold.conf",
          "rtp.conf",
          "modules.conf",
          "logger.conf",
          "confbridge.conf"
        })
    void every_option_is_one_asterisk_22_documents(String file) {
      ConfFile conf = parse(file);
      for (Option option : conf.options) {
        assertThat(option.section())
            .as("option outside any section at %s:%d", option.file(), option.line())
            .isNotNull();
        String kind = kind(file, conf, option.section());
        if (kind == null) {
          continue; // free-form sections: [globals], [logfiles], [ice_host_candidates]
        }
        String key = option.key().startsWith("eventfilter(") ? "eventfilter" : option.key();
        assertThat(KNOWN.get(file).getOrDefault(kind, Set.of()))
            .as(
                "%s in [%s] (%s) at %s:%d",
                key, option.section().name(), kind, option.file(), option.line())
            .contains(key);
      }
    }

    private static String kind(String file, ConfFile conf, Section section) {
      String name = section.name();
      return switch (file) {
        case "pjsip.conf" -> conf.type(section).orElse("missing type=");
        case "http.conf" -> name.equals("general") ? "general" : "restriction";
        case "manager.conf", "queues.conf", "musiconhold.conf" ->
            name.equals("general")
                ? "general"
                : Map.of(
                        "manager.conf", "user", "queues.conf", "queue", "musiconhold.conf", "class")
                    .get(file);
        case "extensions.conf" ->
            name.equals("general") ? "general" : name.equals("globals") ? null : "context";
        case "logger.conf" -> name.equals("general") ? "general" : null;
        case "rtp.conf" -> name.equals("general") ? "general" : null;
        case "confbridge.conf" -> conf.value(name, "type");
        default -> name;
      };
    }
  }

  @Nested
  class Dialplan {
    private final ConfFile extensions = parse("extensions.conf");
    private static final Pattern JUMP =
        Pattern.compile("(?:Gosub|Goto)\\(([a-z0-9-]+),([^,()$]+),");

    @Test
    void every_goto_and_gosub_with_a_fixed_target_lands_on_an_existing_context_and_extension() {
      Map<String, Set<String>> contexts =
          extensions.options.stream()
              .filter(o -> o.key().equals("exten"))
              .collect(
                  Collectors.groupingBy(
                      o -> o.section().name(),
                      Collectors.mapping(
                          o -> o.value().substring(0, o.value().indexOf(',')),
                          Collectors.toSet())));
      List<String> jumps = new ArrayList<>();
      for (Option option : extensions.options) {
        Matcher m = JUMP.matcher(option.value());
        while (m.find()) {
          jumps.add(m.group(1) + "," + m.group(2));
          assertThat(contexts)
              .as("%s:%d %s", option.file(), option.line(), m.group())
              .containsKey(m.group(1));
          assertThat(contexts.get(m.group(1)))
              .as("%s:%d %s", option.file(), option.line(), m.group())
              .contains(m.group(2));
        }
      }
      assertThat(jumps)
          .contains(
              "tandem-call-tags,s",
              "tandem-agent-dial,agent",
              "tandem-agent-dial,external",
              "tandem-queue-entry,s",
              "acme-queue-entry,acme-support",
              "acme-queue-entry,acme-sales",
              "tandem-conference,s");
    }

    @Test
    void conference_rooms_use_the_silent_30_party_profiles_of_confbridge_conf() {
      ConfFile confbridge = parse("confbridge.conf");
      assertThat(confbridge.value("tandem_bridge", "type")).isEqualTo("bridge");
      assertThat(confbridge.value("tandem_bridge", "max_members")).isEqualTo("30");
      assertThat(confbridge.value("tandem_user", "type")).isEqualTo("user");
      assertThat(confbridge.value("tandem_user", "admin")).isEqualTo("no");
      assertThat(confbridge.value("tandem_user", "quiet")).isEqualTo("yes");
      assertThat(confbridge.value("tandem_user", "announce_only_user")).isEqualTo("no");
      assertThat(confbridge.value("tandem_menu", "type")).isEqualTo("menu");
      assertThat(extensions.options)
          .filteredOn(o -> o.value().contains("ConfBridge("))
          .extracting(Option::value)
          .containsExactly(
              "n,ConfBridge(${ARG1}-room-${TANDEM_ROOM},tandem_bridge,tandem_user,tandem_menu)");
    }

    @Test
    void only_our_channel_variables_are_inherited_and_all_of_them_are_in_channelvars() {
      Set<String> channelvars =
          Set.of(parse("manager.conf").value("general", "channelvars").split(","));
      Pattern inherited = Pattern.compile("Set\\(__?([A-Z0-9_]+)=");
      for (Option option : extensions.options) {
        Matcher m = inherited.matcher(option.value());
        while (m.find()) {
          assertThat(m.group(1))
              .as("%s:%d", option.file(), option.line())
              .satisfiesAnyOf(
                  name -> assertThat(channelvars).contains(name),
                  name -> assertThat(name).isEqualTo("TRANSFER_CONTEXT"));
        }
      }
    }

    @Test
    void the_trunks_context_exists_for_every_trunk_in_pjsip_conf() {
      ConfFile pjsip = parse("pjsip.conf");
      Set<String> contexts =
          extensions.sections.stream().map(Section::name).collect(Collectors.toSet());

      assertThat(pjsip.options)
          .filteredOn(o -> o.key().equals("context"))
          .allSatisfy(
              o -> assertThat(contexts).as("%s:%d", o.file(), o.line()).contains(o.value()));
    }
  }
}
