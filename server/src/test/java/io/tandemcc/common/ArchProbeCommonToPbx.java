package io.tandemcc.common;

/**
 * A wrong edge for LayerArchitectureTest only: the foundation reaching up into the PBX vocabulary.
 */
public final class ArchProbeCommonToPbx {
  public io.tandemcc.pbx.PbxEvent event;
}
