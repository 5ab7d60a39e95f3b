package io.tandemcc.provisioning;

import static io.tandemcc.provisioning.Models.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.pbx.provisioning.OutboundRoute;
import io.tandemcc.pbx.provisioning.TenantPbxModel;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Choosing the tenants to render: one tenant's bad data never blocks the others")
class TenantSelectionTest {
  private final TenantSelection selection = new TenantSelection();

  @Test
  @DisplayName("valid tenants are all rendered")
  void validTenantsAreRendered() {
    TenantSelection.Outcome outcome = selection.select(List.of(tenant("acme"), tenant("globex")));

    assertThat(outcome.rendered())
        .extracting(TenantPbxModel::domain)
        .containsExactly("acme", "globex");
    assertThat(outcome.skipped()).isEmpty();
    assertThat(outcome.keptPrevious()).isEmpty();
  }

  @Test
  @DisplayName(
      "a tenant the renderer would refuse is left out, with its problems; the others are rendered")
  void invalidTenantIsLeftOut() {
    TenantSelection.Outcome outcome =
        selection.select(
            List.of(tenant("acme"), tenant("badco", "Eve \"the\" Hacker"), tenant("globex")));

    assertThat(outcome.rendered())
        .extracting(TenantPbxModel::domain)
        .containsExactly("acme", "globex");
    assertThat(outcome.skipped()).containsOnlyKeys("badco");
    assertThat(outcome.skipped().get("badco"))
        .first()
        .asString()
        .startsWith("tenant badco: display name")
        .contains("'\"'");
    assertThat(outcome.keptPrevious()).isEmpty();
  }

  @Test
  @DisplayName(
      "a tenant that was valid before keeps its last valid model while its current one is invalid")
  void lastValidModelIsKept() {
    TenantPbxModel good = tenant("acme");
    selection.select(List.of(good, tenant("globex")));

    TenantSelection.Outcome broken =
        selection.select(List.of(tenant("acme", "Al; evil"), tenant("globex")));
    assertThat(broken.rendered()).containsExactly(good, tenant("globex"));
    assertThat(broken.skipped()).containsOnlyKeys("acme");
    assertThat(broken.keptPrevious()).containsExactly("acme");

    TenantPbxModel fixed = tenant("acme", "Al Fixed");
    assertThat(selection.select(List.of(fixed, tenant("globex"))).rendered()).contains(fixed);
  }

  @Test
  @DisplayName("a tenant deleted from the database is forgotten, also as a fallback")
  void deletedTenantIsForgotten() {
    selection.select(List.of(tenant("acme"), tenant("globex")));
    selection.select(List.of(tenant("globex")));

    TenantSelection.Outcome outcome =
        selection.select(List.of(tenant("acme", "Al; evil"), tenant("globex")));

    assertThat(outcome.rendered()).extracting(TenantPbxModel::domain).containsExactly("globex");
    assertThat(outcome.keptPrevious()).isEmpty();
  }

  @Test
  @DisplayName(
      "two tenants valid alone but claiming the same name: the first in domain order keeps it")
  void clashingTenantsFirstWins() {
    TenantPbxModel a =
        new TenantPbxModel(
            "acme",
            tenant("acme").endpoints(),
            tenant("acme").queues(),
            new OutboundRoute("acme-pstn", null));
    // the same domain twice (e.g. two rows read across a rename) clashes on every name
    TenantPbxModel again = tenant("acme", "Other Name");

    TenantSelection.Outcome outcome = selection.select(List.of(a, again, tenant("globex")));

    assertThat(outcome.rendered()).containsExactly(a, tenant("globex"));
    assertThat(outcome.skipped()).containsOnlyKeys("acme");
  }
}
