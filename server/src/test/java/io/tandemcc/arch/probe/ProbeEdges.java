package io.tandemcc.arch.probe;

/** The probe classes of LayerArchitectureTest, each with the class its wrong edge points at. */
public final class ProbeEdges {
  private ProbeEdges() {}

  public static Class<?>[] commonToPbx() {
    return new Class<?>[] {
      io.tandemcc.common.ArchProbeCommonToPbx.class, io.tandemcc.pbx.PbxEvent.class
    };
  }

  public static Class<?>[] tenantToAgent() {
    return new Class<?>[] {
      io.tandemcc.tenant.ArchProbeTenantToAgent.class, io.tandemcc.agent.AgentStatus.class
    };
  }

  public static Class<?>[] callToVertxWeb() {
    return new Class<?>[] {io.tandemcc.call.ArchProbeCallToVertxWeb.class};
  }

  public static Class<?>[] queueToVertxWeb() {
    return new Class<?>[] {io.tandemcc.queue.ArchProbeQueueToVertxWeb.class};
  }

  public static Class<?>[] pushToSip() {
    return new Class<?>[] {
      io.tandemcc.push.ArchProbePushToSip.class, io.tandemcc.sip.SipProxy.class
    };
  }

  public static Class<?>[] webToGeneratedTable() {
    return new Class<?>[] {io.tandemcc.web.ArchProbeWebToGeneratedTable.class};
  }
}
