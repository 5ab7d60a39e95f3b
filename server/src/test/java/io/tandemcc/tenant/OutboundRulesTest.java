package io.tandemcc.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.tenant.OutboundRules.Refusal;
import io.tandemcc.tenant.OutboundRules.Rule;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Outbound rules (toll-fraud control)")
class OutboundRulesTest {
  private static final OutboundRules GERMAN = rules("49", List.of(), List.of(), false, false);

  private static OutboundRules rules(
      String cc,
      List<String> allowed,
      List<String> blocked,
      boolean international,
      boolean premium) {
    return new OutboundRules(
        cc, allowed, blocked, OutboundRules.DEFAULT_PREMIUM, international, premium, 10, 1);
  }

  private static Optional<Rule> rule(OutboundRules rules, String number) {
    return rules.check(number).map(Refusal::rule);
  }

  @Nested
  @DisplayName("normalisation")
  class Normalisation {
    @Test
    void formattingAndTheOutsideLineNineAreDropped() {
      assertThat(GERMAN.normalise("9 030 / 123-45 (6)")).isEqualTo("+4930123456");
      assertThat(GERMAN.normalise("+49 30 123456")).isEqualTo("+4930123456");
      assertThat(GERMAN.normalise("0049.30.123456")).isEqualTo("+4930123456");
    }

    @Test
    void withoutACountryCodeNationalNumbersStayNational() {
      OutboundRules none = rules(null, List.of(), List.of(), false, false);
      assertThat(none.normalise("90155501234")).isEqualTo("0155501234");
      assertThat(none.normalise("0044207")).isEqualTo("+44207");
      assertThat(none.check("90155501234")).isEmpty();
      assertThat(rule(none, "+14155550123")).contains(Rule.INTERNATIONAL);
    }

    @Test
    void aLoneNineOrALocalNumberIsKept() {
      assertThat(GERMAN.normalise("9")).isEqualTo("9");
      assertThat(GERMAN.normalise("112")).isEqualTo("112");
      assertThat(GERMAN.check("112")).isEmpty();
    }
  }

  @Nested
  @DisplayName("a new tenant's defaults")
  class Defaults {
    @Test
    void internationalAndPremiumAreOff() {
      assertThat(OutboundRules.DEFAULTS.internationalAllowed()).isFalse();
      assertThat(OutboundRules.DEFAULTS.premiumAllowed()).isFalse();
      assertThat(OutboundRules.DEFAULTS.maxPerAgent()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "00900123456",
          "900900123456",
          "+900123456",
          "0900123456",
          "+49900123",
          "0049900123",
          "+19005550100",
          "+448700123",
          "+979123456",
          "+88212345"
        })
    void premiumNumbersAreRefusedInEveryForm(String number) {
      assertThat(rule(GERMAN, number)).contains(Rule.PREMIUM);
      assertThat(rule(rules("49", List.of(), List.of(), true, false), number))
          .contains(Rule.PREMIUM);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+441234567", "0044123456", "9004412345", "+14155550123"})
    void internationalNumbersAreRefused(String number) {
      assertThat(rule(GERMAN, number)).contains(Rule.INTERNATIONAL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"030123456", "9030123456", "+4930123456", "004930123456"})
    void ownCountryNumbersAreNotInternational(String number) {
      assertThat(GERMAN.check(number)).isEmpty();
    }

    @Test
    void premiumAllowedAdmitsPremium() {
      assertThat(rules("49", List.of(), List.of(), false, true).check("0900123456")).isEmpty();
    }
  }

  @Nested
  @DisplayName("prefixes")
  class Prefixes {
    @Test
    void blockedWinsOverAllowed() {
      OutboundRules r = rules("49", List.of("030"), List.of("030666"), false, false);
      assertThat(rule(r, "030666123")).contains(Rule.BLOCKED_PREFIX);
      assertThat(r.check("030123")).isEmpty();
    }

    @Test
    void blockedMatchesEveryFormOfTheNumber() {
      OutboundRules r = rules("49", List.of(), List.of("+4930666"), true, false);
      assertThat(rule(r, "9 030 666 1")).contains(Rule.BLOCKED_PREFIX);
      assertThat(rule(r, "0049306661")).contains(Rule.BLOCKED_PREFIX);
      assertThat(r.check("+4930777")).isEmpty();
    }

    @Test
    void anAllowListRefusesEverythingElse() {
      OutboundRules r = rules("49", List.of("030", "089"), List.of(), false, false);
      assertThat(rule(r, "040123")).contains(Rule.NOT_ALLOWED);
      assertThat(r.check("+4989123")).isEmpty();
    }

    @Test
    void anAllowedPrefixAdmitsACountryButNotPremium() {
      OutboundRules r = rules("49", List.of("+43"), List.of(), false, false);
      assertThat(r.check("0043123456")).isEmpty();
      assertThat(rule(r, "+44123")).contains(Rule.NOT_ALLOWED);
      OutboundRules anyPremium = rules("49", List.of("+900"), List.of(), false, false);
      assertThat(rule(anyPremium, "00900123")).contains(Rule.PREMIUM);
    }
  }

  @Nested
  @DisplayName("caps")
  class Caps {
    @Test
    void theTenantAndTheAgentCapsRefuseTheNextLeg() {
      OutboundRules r =
          new OutboundRules("49", List.of(), List.of(), List.of(), false, false, 3, 2);
      assertThat(r.checkCaps(2, 1)).isEmpty();
      assertThat(r.checkCaps(3, 0).map(Refusal::rule)).contains(Rule.TENANT_CAP);
      assertThat(r.checkCaps(1, 2).map(Refusal::rule)).contains(Rule.AGENT_CAP);
    }
  }

  @Test
  void theAuditedNumberIsMasked() {
    assertThat(GERMAN.mask("00900123456")).isEqualTo("+90012xxxx");
    assertThat(GERMAN.mask("112")).isEqualTo("112");
  }

  @Test
  void onlyNumbersTheDialplanSendsToTheTrunkAreOutsideCalls() {
    for (String outside : List.of("90155501234", "0049301", "+441234567", "9 0155 501")) {
      assertThat(OutboundRules.reachesTrunk(outside)).as(outside).isTrue();
    }
    for (String inside : List.of("1002", "600", "*97", "9", "+", "9+1")) {
      assertThat(OutboundRules.reachesTrunk(inside)).as(inside).isFalse();
    }
  }

  @Test
  void theDialplanRefusesEveryDialledFormOfARefusedPrefix() {
    OutboundRules r =
        new OutboundRules(
            "49", List.of("0301"), List.of("+4930666"), List.of("0900"), true, false, 10, 1);
    assertThat(r.dialplanRefusals())
        .containsExactlyInAnyOrder(
            "+4930666",
            "004930666",
            "9004930666",
            "030666",
            "9030666",
            "+49900",
            "0049900",
            "90049900",
            "0900",
            "90900");
    assertThat(r.dialplanAdmissions())
        .as("international is allowed: nothing to let through again")
        .isEmpty();
    OutboundRules closed =
        new OutboundRules("49", List.of(), List.of("+49"), List.of(), false, false, 10, 1);
    assertThat(closed.dialplanAdmissions())
        .as("the own country blocked whole: not let through")
        .isEmpty();
  }

  @Test
  void storedPrefixesAreSpaceSeparated() {
    assertThat(OutboundRules.parsePrefixes(" 0900  +44909 ")).containsExactly("0900", "+44909");
    assertThat(OutboundRules.parsePrefixes("")).isEmpty();
  }
}
