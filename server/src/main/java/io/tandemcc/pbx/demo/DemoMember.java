package io.tandemcc.pbx.demo;

/** A queue member as the simulator's AMI peer keeps it (what QueueAdd / QueuePause said). */
record DemoMember(
    String queue, String iface, String name, boolean paused, String reason, long loginTime) {
  /** The PJSIP endpoint of the interface, e.g. {@code acme-1001} for {@code PJSIP/acme-1001}. */
  String endpoint() {
    return iface.substring(iface.indexOf('/') + 1);
  }

  DemoMember paused(boolean nowPaused, String why) {
    return new DemoMember(queue, iface, name, nowPaused, nowPaused ? why : "", loginTime);
  }
}
