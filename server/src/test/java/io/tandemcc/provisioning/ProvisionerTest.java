package io.tandemcc.provisioning;

import static io.tandemcc.provisioning.Models.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.pbx.provisioning.PbxConfig;
import io.tandemcc.pbx.provisioning.PbxConfigRenderer;
import io.tandemcc.pbx.provisioning.TenantPbxModel;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName(
    "A provisioning run writes what changed and reloads exactly that, owing reloads it could not send")
class ProvisionerTest {
  private static final List<String> ALL_RELOADS =
      List.of(PbxConfig.RELOAD_PJSIP, PbxConfig.RELOAD_QUEUES, PbxConfig.RELOAD_DIALPLAN);

  @TempDir Path dir;
  private Vertx vertx;
  private Context context;
  private final FakePbxLink link = new FakePbxLink();
  private final AtomicReference<List<TenantPbxModel>> database =
      new AtomicReference<>(List.of(tenant("acme")));
  private final AtomicInteger reads = new AtomicInteger();
  private Provisioner provisioner;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    context = vertx.getOrCreateContext();
    provisioner =
        new Provisioner(
            vertx,
            () -> {
              reads.incrementAndGet();
              return Future.succeededFuture(database.get());
            },
            new GeneratedFiles(dir),
            link,
            null);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName(
      "the first run writes the three files and sends the three reloads; a second run does neither")
  void firstRunWritesAndReloadsSecondDoesNothing() throws Exception {
    ProvisioningResult first = run("test");

    PbxConfig expected = PbxConfigRenderer.render(List.of(tenant("acme")));
    assertThat(first.filesWritten())
        .containsExactly(PbxConfig.PJSIP_FILE, PbxConfig.QUEUES_FILE, PbxConfig.EXTENSIONS_FILE);
    assertThat(Files.readString(dir.resolve(PbxConfig.PJSIP_FILE))).isEqualTo(expected.pjsip());
    assertThat(Files.readString(dir.resolve(PbxConfig.QUEUES_FILE))).isEqualTo(expected.queues());
    assertThat(Files.readString(dir.resolve(PbxConfig.EXTENSIONS_FILE)))
        .isEqualTo(expected.extensions());
    assertThat(first.reloaded()).isEqualTo(ALL_RELOADS);
    assertThat(link.commands).isEqualTo(ALL_RELOADS);
    assertThat(first.reloadsPending()).isEmpty();

    ProvisioningResult second = run("again");
    assertThat(second.filesWritten()).isEmpty();
    assertThat(second.reloaded()).isEmpty();
    assertThat(link.commands).hasSize(3);
  }

  @Test
  @DisplayName("only the part of Asterisk whose file changed is reloaded")
  void onlyTheChangedPartIsReloaded() throws Exception {
    run("first");
    TenantPbxModel renamed = tenant("acme", "First Renamed");
    // the display name appears in pjsip (caller id) and queues (static member name), not in the
    // dialplan
    database.set(List.of(renamed));

    ProvisioningResult result = run("renamed");

    assertThat(result.filesWritten()).containsExactly(PbxConfig.PJSIP_FILE, PbxConfig.QUEUES_FILE);
    assertThat(result.reloaded()).containsExactly(PbxConfig.RELOAD_PJSIP, PbxConfig.RELOAD_QUEUES);
  }

  @Test
  @DisplayName(
      "while the link is down the files are written and the reloads owed; they go out once it is up")
  void reloadsWaitForTheLink() throws Exception {
    link.up = false;
    ProvisioningResult down = run("start-up");
    assertThat(down.filesWritten()).hasSize(3);
    assertThat(down.reloaded()).isEmpty();
    assertThat(down.reloadsPending()).isEqualTo(ALL_RELOADS);
    assertThat(link.commands).isEmpty();

    link.up = true;
    ProvisioningResult up = run("AMI link up");
    assertThat(up.filesWritten()).isEmpty();
    assertThat(up.reloaded()).isEqualTo(ALL_RELOADS);
    assertThat(up.reloadsPending()).isEmpty();
  }

  @Test
  @DisplayName(
      "a reload Asterisk refuses stays owed and is retried by the next run; the others are done")
  void refusedReloadIsRetried() throws Exception {
    link.refused.add(PbxConfig.RELOAD_QUEUES);
    ProvisioningResult refused = run("first");
    assertThat(refused.reloaded())
        .containsExactly(PbxConfig.RELOAD_PJSIP, PbxConfig.RELOAD_DIALPLAN);
    assertThat(refused.reloadsPending()).containsExactly(PbxConfig.RELOAD_QUEUES);

    link.refused.clear();
    ProvisioningResult retried = run("retry");
    assertThat(retried.filesWritten()).isEmpty();
    assertThat(retried.reloaded()).containsExactly(PbxConfig.RELOAD_QUEUES);
  }

  @Test
  @DisplayName("an invalid tenant is left out and reported; the others are written")
  void invalidTenantIsLeftOut() throws Exception {
    database.set(List.of(tenant("acme"), tenant("badco", "Eve (admin)"), tenant("globex")));

    ProvisioningResult result = run("test");

    assertThat(result.tenants()).containsExactly("acme", "globex");
    assertThat(result.skippedTenants()).containsOnlyKeys("badco");
    String pjsip = Files.readString(dir.resolve(PbxConfig.PJSIP_FILE));
    assertThat(pjsip).contains("[acme-2001]", "[globex-2001]").doesNotContain("badco");
  }

  @Test
  @DisplayName("requests during a run share one more run after it")
  void requestsDuringARunAreCoalesced() throws Exception {
    CompletableFuture<List<ProvisioningResult>> all = new CompletableFuture<>();
    context.runOnContext(
        v ->
            Future.all(
                    provisioner.provision("a"),
                    provisioner.provision("b"),
                    provisioner.provision("c"))
                .onComplete(
                    done -> {
                      if (done.succeeded()) {
                        all.complete(done.result().list());
                      } else {
                        all.completeExceptionally(done.cause());
                      }
                    }));

    List<ProvisioningResult> results = all.get(10, TimeUnit.SECONDS);
    assertThat(reads.get()).isEqualTo(2);
    assertThat(results.get(0).filesWritten()).hasSize(3);
    assertThat(results.get(1)).isSameAs(results.get(2));
    assertThat(results.get(1).filesWritten()).isEmpty();
  }

  @Test
  @DisplayName("without an AMI link the files are still written, and nothing is owed")
  void withoutALinkFilesAreWritten() throws Exception {
    provisioner =
        new Provisioner(
            vertx,
            () -> Future.succeededFuture(database.get()),
            new GeneratedFiles(dir),
            null,
            null);

    ProvisioningResult result = run("no AMI");

    assertThat(result.filesWritten()).hasSize(3);
    assertThat(result.reloadsPending()).isEmpty();
  }

  @Test
  @DisplayName(
      "a request about one tenant reads only it again; the others are rendered as last read; a deleted one leaves")
  void aTenantRequestReadsOnlyThatTenant() throws Exception {
    Map<Long, TenantPbxModel> rows =
        java.util.Collections.synchronizedMap(
            new HashMap<>(Map.of(1L, tenant("acme"), 2L, tenant("globex"))));
    database.set(List.of(tenant("acme"), tenant("globex")));
    List<Set<Long>> partialReads = new CopyOnWriteArrayList<>();
    provisioner =
        new Provisioner(
            vertx,
            () -> {
              reads.incrementAndGet();
              return Future.succeededFuture(database.get());
            },
            ids -> {
              partialReads.add(ids);
              Map<String, TenantPbxModel> found = new HashMap<>();
              ids.forEach(id -> found.put(id == 1L ? "acme" : "globex", rows.get(id)));
              return Future.succeededFuture(found);
            },
            new GeneratedFiles(dir),
            link,
            null);

    run("start-up", 1L); // nothing read yet: every tenant is
    assertThat(reads.get()).isEqualTo(1);
    assertThat(partialReads).isEmpty();

    // both change in the database; the request names globex only
    rows.put(1L, tenant("acme", "Acme Renamed"));
    rows.put(2L, tenant("globex", "Globex Renamed"));
    database.set(List.of(tenant("acme", "Acme Renamed"), tenant("globex", "Globex Renamed")));
    ProvisioningResult one = run("globex changed", 2L);
    assertThat(partialReads).containsExactly(Set.of(2L));
    assertThat(reads.get()).isEqualTo(1);
    assertThat(one.tenants()).containsExactly("acme", "globex");
    assertThat(Files.readString(dir.resolve(PbxConfig.PJSIP_FILE)))
        .contains("Globex Renamed")
        .contains("[acme-2001]")
        .doesNotContain("Acme Renamed");

    ProvisioningResult all = run("every tenant", null);
    assertThat(reads.get()).isEqualTo(2);
    assertThat(all.filesWritten()).contains(PbxConfig.PJSIP_FILE);
    assertThat(Files.readString(dir.resolve(PbxConfig.PJSIP_FILE)))
        .contains("Acme Renamed", "Globex Renamed");

    rows.put(2L, null); // deleted
    ProvisioningResult gone = run("globex deleted", 2L);
    assertThat(gone.tenants()).containsExactly("acme");
    assertThat(Files.readString(dir.resolve(PbxConfig.PJSIP_FILE)))
        .contains("[acme-2001]")
        .doesNotContain("globex");
  }

  @Test
  @DisplayName("tenant requests during a run share one read of those tenants after it")
  void tenantRequestsDuringARunShareOneRead() throws Exception {
    List<Set<Long>> partialReads = new CopyOnWriteArrayList<>();
    provisioner =
        new Provisioner(
            vertx,
            () -> Future.succeededFuture(database.get()),
            ids -> {
              partialReads.add(ids);
              return Future.succeededFuture(Map.of("acme", tenant("acme", "Acme " + ids.size())));
            },
            new GeneratedFiles(dir),
            link,
            null);
    run("start-up", null);
    CompletableFuture<Void> all = new CompletableFuture<>();
    context.runOnContext(
        v ->
            Future.all(
                    provisioner.provision("a", 1L),
                    provisioner.provision("b", 2L),
                    provisioner.provision("c", 3L))
                .onComplete(done -> all.complete(null)));
    all.get(10, TimeUnit.SECONDS);
    assertThat(partialReads).containsExactly(Set.of(1L), Set.of(2L, 3L));
  }

  private ProvisioningResult run(String reason, Long tenantId) throws Exception {
    CompletableFuture<ProvisioningResult> result = new CompletableFuture<>();
    context.runOnContext(
        v ->
            provisioner
                .provision(reason, tenantId)
                .onComplete(
                    done -> {
                      if (done.succeeded()) {
                        result.complete(done.result());
                      } else {
                        result.completeExceptionally(done.cause());
                      }
                    }));
    return result.get(10, TimeUnit.SECONDS);
  }

  private ProvisioningResult run(String reason) throws Exception {
    CompletableFuture<ProvisioningResult> result = new CompletableFuture<>();
    context.runOnContext(
        v ->
            provisioner
                .provision(reason)
                .onComplete(
                    done -> {
                      if (done.succeeded()) {
                        result.complete(done.result());
                      } else {
                        result.completeExceptionally(done.cause());
                      }
                    }));
    return result.get(10, TimeUnit.SECONDS);
  }
}
