package io.tandemcc.pbx;

/** Event-bus addresses of the PBX domain (catalogue: docs/events.md). */
public final class PbxAddresses {
  /**
   * Every {@link PbxEvent}, published in the order the PBX produced them (named codec for the whole
   * family: {@code LocalCodec.familyOptions(PbxEvent.class)}).
   */
  public static final String EVENTS = "pbx.events";

  /**
   * Only the {@link PbxEvent.LinkEvent}s, published on {@link #EVENTS} too: for consumers on other
   * event loops that want nothing else, so the hundreds of call events a second do not wake their
   * threads.
   */
  public static final String LINK = "pbx.link";

  private PbxAddresses() {}
}
