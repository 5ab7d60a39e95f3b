package io.tandemcc.pbx;

/** Event-bus addresses of the PBX domain (catalogue: docs/events.md). */
public final class PbxAddresses {
  /**
   * Every {@link PbxEvent}, published in the order the PBX produced them (named codec for the whole family:
   * {@code LocalCodec.familyOptions(PbxEvent.class)}).
   */
  public static final String EVENTS = "pbx.events";

  private PbxAddresses() {}
}
