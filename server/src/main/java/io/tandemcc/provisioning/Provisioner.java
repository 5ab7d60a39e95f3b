package io.tandemcc.provisioning;

import io.tandemcc.pbx.PbxCommandException;
import io.tandemcc.pbx.PbxLink;
import io.tandemcc.pbx.UpstreamCredentials;
import io.tandemcc.pbx.provisioning.PbxConfig;
import io.tandemcc.pbx.provisioning.PbxConfigRenderer;
import io.tandemcc.pbx.provisioning.TenantPbxModel;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One provisioning run: read every tenant, choose the ones that can be rendered ({@link
 * TenantSelection}), render, replace the files whose content changed, then ask Asterisk to reload
 * what changed. Runs never overlap: a request during a run is served by one more run after it
 * (requests arriving meanwhile share that run).
 *
 * <p>A reload that could not be sent (link down, Asterisk refused) stays owed and is retried by the
 * next run, which the {@link ProvisioningVerticle} starts whenever the AMI link comes up. Unchanged
 * files cause neither a write nor a reload. A request about one tenant reads only that tenant again
 * and renders the others as the previous run read them (with 10,000 agents in a tenant, reading
 * every tenant again was most of a change's time to the reload); the first run, and any request
 * without a tenant, reads them all. Confined to the context of its verticle.
 */
final class Provisioner {
  private static final Logger LOG = LoggerFactory.getLogger(Provisioner.class);

  /** Which part of Asterisk reads which file, in the order files are written and reloaded. */
  private static final Map<String, String> RELOADS = reloads();

  private final Vertx vertx;
  private final Supplier<Future<List<TenantPbxModel>>> tenants;
  private final Function<Set<Long>, Future<Map<String, TenantPbxModel>>> someTenants;
  private final GeneratedFiles files;
  private final PbxLink link;
  private final UpstreamCredentials credentials;
  private final TenantSelection selection = new TenantSelection();
  private final Set<String> owedReloads = new LinkedHashSet<>();
  private Future<ProvisioningResult> running;
  private Promise<ProvisioningResult> next;

  /** What the next run reads again: every tenant, or only these. */
  private boolean nextReadsAll;

  private final Set<Long> nextTenants = new HashSet<>();

  /** The models the last run rendered from, by domain; {@code null} before the first run. */
  private Map<String, TenantPbxModel> lastRead;

  /**
   * @param tenants reads every tenant's current model (e.g. {@link ProvisioningSource#all})
   * @param link the Asterisk to reload, or {@code null} when there is none (files are written,
   *     nobody reloads)
   * @param credentials the agents' upstream passwords, or {@code null} to render endpoints without
   *     auth
   */
  Provisioner(
      Vertx vertx,
      Supplier<Future<List<TenantPbxModel>>> tenants,
      GeneratedFiles files,
      PbxLink link,
      UpstreamCredentials credentials) {
    this(vertx, tenants, null, files, link, credentials);
  }

  /**
   * @param someTenants reads the given tenants' models by domain, a tenant gone from the PBX
   *     (deleted) mapped to {@code null} (e.g. {@link ProvisioningSource#some}); {@code null}:
   *     every run reads every tenant
   */
  Provisioner(
      Vertx vertx,
      Supplier<Future<List<TenantPbxModel>>> tenants,
      Function<Set<Long>, Future<Map<String, TenantPbxModel>>> someTenants,
      GeneratedFiles files,
      PbxLink link,
      UpstreamCredentials credentials) {
    this.someTenants = someTenants;
    this.credentials = credentials;
    this.vertx = vertx;
    this.tenants = tenants;
    this.files = files;
    this.link = link;
  }

  /** Runs now, or right after the run in progress; every tenant is read again. */
  Future<ProvisioningResult> provision(String reason) {
    return provision(reason, null);
  }

  /** As {@link #provision(String)}; with a {@code tenantId} only that tenant is read again. */
  Future<ProvisioningResult> provision(String reason, Long tenantId) {
    if (tenantId == null) {
      nextReadsAll = true;
    } else {
      nextTenants.add(tenantId);
    }
    if (running == null) {
      return start(reason);
    }
    if (next == null) {
      next = Promise.promise();
      LOG.debug("provisioning ({}) queued behind the run in progress", reason);
    }
    return next.future();
  }

  private Future<ProvisioningResult> start(String reason) {
    LOG.info("provisioning the PBX ({})", reason);
    boolean readAll = nextReadsAll || lastRead == null || someTenants == null;
    Set<Long> changed = Set.copyOf(nextTenants);
    nextReadsAll = false;
    nextTenants.clear();
    Future<ProvisioningResult> run =
        runOnce(
            readAll
                ? tenants.get().map(Provisioner::byDomain)
                : someTenants
                    .apply(changed)
                    .map(
                        models -> {
                          Map<String, TenantPbxModel> merged = new TreeMap<>(lastRead);
                          models.forEach(
                              (domain, model) -> {
                                if (model == null) {
                                  merged.remove(domain);
                                } else {
                                  merged.put(domain, model);
                                }
                              });
                          return merged;
                        }));
    running = run;
    run.onComplete(
        done -> {
          if (done.failed()) {
            LOG.error("provisioning the PBX ({}) failed: {}", reason, done.cause().toString());
            nextReadsAll =
                true; // the tenants this run was to read again are owed: the next run reads them
            // all
          }
          running = null;
          if (next != null) {
            Promise<ProvisioningResult> waiting = next;
            next = null;
            start("requested during the previous run").onComplete(waiting);
          }
        });
    return run;
  }

  private static Map<String, TenantPbxModel> byDomain(List<TenantPbxModel> models) {
    Map<String, TenantPbxModel> map = new TreeMap<>();
    models.forEach(m -> map.put(m.domain(), m));
    return map;
  }

  private Future<ProvisioningResult> runOnce(Future<Map<String, TenantPbxModel>> read) {
    return read.compose(
        models -> {
          lastRead = models;
          List<TenantPbxModel> current = List.copyOf(models.values());
          TenantSelection.Outcome chosen = selection.select(current);
          logSkipped(chosen);
          PbxConfig config =
              credentials == null
                  ? PbxConfigRenderer.render(chosen.rendered())
                  : PbxConfigRenderer.render(chosen.rendered(), credentials);
          return vertx
              .executeBlocking(() -> files.writeChanged(config.files()), false)
              .compose(
                  written -> {
                    written.forEach(file -> owedReloads.add(RELOADS.get(file)));
                    if (!written.isEmpty()) {
                      LOG.info("wrote {} to {}", String.join(", ", written), files.directory());
                    }
                    return reload()
                        .map(
                            reloaded ->
                                new ProvisioningResult(
                                    chosen.rendered().stream().map(TenantPbxModel::domain).toList(),
                                    chosen.skipped(),
                                    chosen.keptPrevious(),
                                    written,
                                    reloaded,
                                    List.copyOf(owedReloads)));
                  });
        });
  }

  /**
   * Sends every owed reload, one after the other, in file order; completes with those Asterisk ran.
   */
  private Future<List<String>> reload() {
    List<String> reloaded = new ArrayList<>();
    if (owedReloads.isEmpty()) {
      return Future.succeededFuture(reloaded);
    }
    if (link == null) {
      LOG.warn(
          "no AMI link configured: reload Asterisk by hand ({})", String.join("; ", owedReloads));
      owedReloads.clear();
      return Future.succeededFuture(reloaded);
    }
    if (!link.status().isUp()) {
      LOG.info(
          "AMI link to {} is not up: {} when it is", link.pbx(), String.join("; ", owedReloads));
      return Future.succeededFuture(reloaded);
    }
    Future<Void> chain = Future.succeededFuture();
    for (String command : RELOADS.values().stream().filter(owedReloads::contains).toList()) {
      chain =
          chain.compose(
              v ->
                  link.commands()
                      .command(command)
                      .transform(
                          done -> {
                            if (done.succeeded()) {
                              owedReloads.remove(command);
                              reloaded.add(command);
                              LOG.info("Asterisk {} ran \"{}\"", link.pbx(), command);
                            } else {
                              Throwable cause = done.cause();
                              String why =
                                  cause instanceof PbxCommandException refused
                                      ? refused.pbxMessage()
                                      : cause.toString();
                              LOG.warn(
                                  "Asterisk {} did not run \"{}\": {}; retried on the next provisioning run",
                                  link.pbx(),
                                  command,
                                  why);
                            }
                            return Future.<Void>succeededFuture();
                          }));
    }
    return chain.map(v -> reloaded);
  }

  private static void logSkipped(TenantSelection.Outcome chosen) {
    chosen
        .skipped()
        .forEach(
            (domain, problems) ->
                LOG.error(
                    "tenant {}: {} on the PBX, its data cannot be written "
                        + "into Asterisk's configuration safely:\n  - {}",
                    domain,
                    chosen.keptPrevious().contains(domain)
                        ? "its previous configuration is kept"
                        : "left out",
                    String.join("\n  - ", problems)));
  }

  private static Map<String, String> reloads() {
    Map<String, String> reloads = new LinkedHashMap<>();
    reloads.put(PbxConfig.PJSIP_FILE, PbxConfig.RELOAD_PJSIP);
    reloads.put(PbxConfig.QUEUES_FILE, PbxConfig.RELOAD_QUEUES);
    reloads.put(PbxConfig.EXTENSIONS_FILE, PbxConfig.RELOAD_DIALPLAN);
    return reloads;
  }
}
