package io.tandemcc.pbx;

/** The link to one PBX, as the rest of the product sees it. */
public interface PbxLink {

  /** The configured id of the PBX. */
  String pbx();

  PbxLinkStatus status();

  PbxCommands commands();
}
