package io.tandemcc.pbx.provisioning;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code tandem/queues_tenants.conf}: a queue per agent group, from queues.conf's template, with
 * static members.
 */
final class QueuesRenderer {
  /** Defined in asterisk-conf/queues.conf. */
  static final String QUEUE_TEMPLATE = "tandem-queue";

  private QueuesRenderer() {}

  static String render(List<TenantPbxModel> tenants) {
    ConfText conf =
        new ConfText(
            PbxConfig.QUEUES_FILE,
            "queues.conf, which defines the template " + QUEUE_TEMPLATE,
            PbxConfig.RELOAD_QUEUES,
            List.of(
                "Agents are added and removed at sign-in and sign-out with AMI QueueAdd/QueueRemove; only static",
                "members are listed: member => interface,penalty,\"name\",state interface,ringinuse,wrapuptime,paused.",
                "They start paused; the server unpauses them when the agent is Ready, and a reload keeps their state."),
            tenants.stream().map(TenantPbxModel::domain).toList());
    for (TenantPbxModel tenant : tenants) {
      conf.tenant(tenant.domain());
      Map<String, String> names =
          tenant.endpoints().stream()
              .collect(Collectors.toMap(EndpointSpec::extension, EndpointSpec::displayName));
      for (QueueSpec queue : tenant.queues()) {
        conf.section(queue.name(), QUEUE_TEMPLATE);
        // a group's own ring strategy and timeout (/api/admin/groups); the template's are not
        // repeated
        if (!queue.strategy().equals(QueueSpec.TEMPLATE_STRATEGY)) {
          conf.option("strategy", queue.strategy());
        }
        if (queue.timeoutSeconds() != QueueSpec.TEMPLATE_TIMEOUT) {
          conf.option("timeout", Integer.toString(queue.timeoutSeconds()));
        }
        for (StaticMember member : queue.staticMembers()) {
          conf.object(
              "member",
              PbxNames.agentInterface(tenant.domain(), member.extension())
                  + ","
                  + member.penalty()
                  + ",\""
                  + names.get(member.extension())
                  + "\",,,,yes");
        }
      }
    }
    return conf.toString();
  }
}
