package io.tandemcc.push;

/** A wrong edge for LayerArchitectureTest only: two neighbours of one level using each other. */
public final class ArchProbePushToSip {
  public io.tandemcc.sip.SipProxy proxy;
}
