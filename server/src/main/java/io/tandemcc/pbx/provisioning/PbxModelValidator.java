package io.tandemcc.pbx.provisioning;

import static io.tandemcc.pbx.provisioning.PbxNames.quote;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a set of tenants before anything is rendered: every name is well-formed and owned by its
 * tenant, nothing is defined twice, and no two tenants share a name. Collects every problem instead
 * of stopping at the first.
 */
final class PbxModelValidator {
  private final List<String> problems = new ArrayList<>();

  /**
   * PBX names already used, per kind (endpoint, queue, trunk, context) → the tenant that uses them.
   */
  private final Map<String, Map<String, String>> used = new HashMap<>();

  private PbxModelValidator() {}

  /** Every problem of the tenants, in input order; empty when they can be rendered. */
  static List<String> problems(List<TenantPbxModel> tenants) {
    PbxModelValidator validator = new PbxModelValidator();
    tenants.forEach(validator::tenant);
    return List.copyOf(validator.problems);
  }

  private void tenant(TenantPbxModel tenant) {
    String domain = tenant.domain();
    Optional<String> domainProblem = PbxNames.domainProblem(domain);
    if (domainProblem.isPresent()) {
      problems.add(domainProblem.get());
      return; // every other name of this tenant derives from the domain
    }
    String where = "tenant " + domain + ": ";
    if (!claim("tenant", domain, domain, where)) {
      return; // the same tenant twice: its other names would only repeat the problem
    }
    claim("context", PbxNames.agentsContext(domain), domain, where);
    claim("context", PbxNames.queueEntryContext(domain), domain, where);
    Set<String> extensions = endpoints(tenant, where);
    queues(tenant, extensions, where);
    outbound(tenant, extensions, where);
  }

  private Set<String> endpoints(TenantPbxModel tenant, String where) {
    Set<String> extensions = new HashSet<>();
    for (EndpointSpec endpoint : tenant.endpoints()) {
      String extension = endpoint.extension();
      Optional<String> problem =
          PbxNames.extensionProblem(extension)
              .or(() -> PbxNames.displayNameProblem(endpoint.displayName()));
      if (problem.isPresent()) {
        problems.add(where + problem.get());
      } else if (!extensions.add(extension)) {
        problems.add(where + "extension " + extension + " is defined twice");
      } else {
        claim("endpoint", PbxNames.endpoint(tenant.domain(), extension), tenant.domain(), where);
      }
    }
    return extensions;
  }

  private void queues(TenantPbxModel tenant, Set<String> extensions, String where) {
    Map<String, String> dialplanKeys = new HashMap<>();
    for (QueueSpec queue : tenant.queues()) {
      String name = queue.name();
      Optional<String> problem = PbxNames.ownedNameProblem("queue", tenant.domain(), name);
      if (problem.isPresent()) {
        problems.add(where + problem.get());
        continue;
      }
      String sameInDialplan = dialplanKeys.putIfAbsent(PbxNames.dialplanKey(name), name);
      if (name.equals(sameInDialplan)) {
        problems.add(where + "queue " + name + " is defined twice");
        continue;
      }
      if (sameInDialplan != null) {
        problems.add(
            where
                + "queues "
                + sameInDialplan
                + " and "
                + name
                + " differ only in dashes, which the dialplan ignores in extension names");
        continue;
      }
      claim("queue", name, tenant.domain(), where);
      members(queue, extensions, where);
    }
  }

  private void members(QueueSpec queue, Set<String> extensions, String where) {
    Set<String> seen = new HashSet<>();
    for (StaticMember member : queue.staticMembers()) {
      String extension = member.extension();
      if (!extensions.contains(extension)) {
        problems.add(
            where
                + "static member "
                + quote(extension)
                + " of queue "
                + queue.name()
                + " is not an extension of this tenant");
      } else if (!seen.add(extension)) {
        problems.add(
            where + "static member " + extension + " is listed twice in queue " + queue.name());
      }
      if (member.penalty() < 0 || member.penalty() > PbxNames.MAX_PENALTY) {
        problems.add(
            where
                + "penalty "
                + member.penalty()
                + " of static member "
                + quote(extension)
                + " in queue "
                + queue.name()
                + " must be 0 to "
                + PbxNames.MAX_PENALTY);
      }
    }
  }

  private void outbound(TenantPbxModel tenant, Set<String> extensions, String where) {
    OutboundRoute route = tenant.outbound();
    if (route == null) {
      return;
    }
    Optional<String> problem =
        PbxNames.ownedNameProblem("trunk", tenant.domain(), route.trunkEndpoint())
            .or(
                () ->
                    Optional.ofNullable(route.callerIdNumber())
                        .flatMap(PbxNames::callerIdNumberProblem));
    if (problem.isPresent()) {
      problems.add(where + problem.get());
    } else {
      claim("trunk", route.trunkEndpoint(), tenant.domain(), where);
    }
    if (route.connection() != null) {
      route.connection().problems().forEach(p -> problems.add(where + p));
      // the trunk's own objects share the endpoint's name space with the agents'
      claim("endpoint", route.trunkEndpoint(), tenant.domain(), where);
    }
    extensions.stream()
        .filter(e -> e.startsWith("0") || e.startsWith("9"))
        .sorted()
        .forEach(
            e ->
                problems.add(
                    where
                        + "extension "
                        + e
                        + " starts with 0 or 9, which send calls out through the trunk"));
  }

  /**
   * Records that {@code owner} uses {@code name}; a name used twice, by one tenant or by two, is a
   * problem.
   */
  private boolean claim(String kind, String name, String owner, String where) {
    String previous = used.computeIfAbsent(kind, k -> new HashMap<>()).putIfAbsent(name, owner);
    if (previous == null) {
      return true;
    }
    problems.add(
        where
            + kind
            + " "
            + name
            + (previous.equals(owner)
                ? " is defined twice"
                : " is already used by tenant " + previous));
    return false;
  }
}
