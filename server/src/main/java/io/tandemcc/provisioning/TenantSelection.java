package io.tandemcc.provisioning;

import io.tandemcc.pbx.provisioning.PbxConfigRenderer;
import io.tandemcc.pbx.provisioning.TenantPbxModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides which tenants go into the generated files, so that one tenant's bad data never blocks the
 * others: a tenant whose model the renderer would refuse is left out (with its problems), or, when
 * this process has rendered it before, rendered as it was last time it was valid, so a bad edit
 * does not take a working tenant off the PBX. Plain Java; used on one thread at a time.
 */
final class TenantSelection {
  /**
   * @param rendered the models to render, valid together
   * @param skipped domain → why its current model was not rendered
   * @param keptPrevious the skipped tenants rendered with their last valid model instead
   */
  record Outcome(
      List<TenantPbxModel> rendered,
      Map<String, List<String>> skipped,
      List<String> keptPrevious) {}

  /** The last model of each tenant that was rendered, by domain. */
  private final Map<String, TenantPbxModel> lastGood = new HashMap<>();

  Outcome select(List<TenantPbxModel> current) {
    Map<String, List<String>> skipped = new LinkedHashMap<>();
    List<TenantPbxModel> candidates = new ArrayList<>();
    Set<TenantPbxModel> fallbacks = Collections.newSetFromMap(new IdentityHashMap<>());
    for (TenantPbxModel tenant : current) {
      List<String> problems = PbxConfigRenderer.problems(List.of(tenant));
      if (problems.isEmpty()) {
        candidates.add(tenant);
      } else {
        skipped.put(tenant.domain(), problems);
        TenantPbxModel previous = lastGood.get(tenant.domain());
        if (previous != null) {
          candidates.add(previous);
          fallbacks.add(previous);
        }
      }
    }
    // one tenant valid alone is valid together (a second validation of 10,000 endpoints saved on
    // each run)
    List<TenantPbxModel> rendered =
        candidates.size() <= 1 || PbxConfigRenderer.problems(candidates).isEmpty()
            ? candidates
            : oneByOne(candidates, skipped);

    List<String> keptPrevious =
        rendered.stream().filter(fallbacks::contains).map(TenantPbxModel::domain).toList();
    lastGood
        .keySet()
        .retainAll(current.stream().map(TenantPbxModel::domain).collect(Collectors.toSet()));
    rendered.stream().filter(t -> !fallbacks.contains(t)).forEach(t -> lastGood.put(t.domain(), t));
    return new Outcome(List.copyOf(rendered), skipped, keptPrevious);
  }

  /**
   * Tenants valid alone but not together (two of them claim the same PBX name): added one at a
   * time, in domain order, so the first to claim a name keeps it and the later one is skipped.
   */
  private static List<TenantPbxModel> oneByOne(
      List<TenantPbxModel> candidates, Map<String, List<String>> skipped) {
    List<TenantPbxModel> together = new ArrayList<>();
    candidates.stream()
        .sorted(java.util.Comparator.comparing(TenantPbxModel::domain))
        .forEach(
            tenant -> {
              List<TenantPbxModel> trial = new ArrayList<>(together);
              trial.add(tenant);
              List<String> problems = PbxConfigRenderer.problems(trial);
              if (problems.isEmpty()) {
                together.add(tenant);
              } else {
                skipped.merge(
                    tenant.domain(),
                    problems,
                    (a, b) -> {
                      List<String> all = new ArrayList<>(a);
                      all.addAll(b);
                      return all;
                    });
              }
            });
    return together;
  }
}
