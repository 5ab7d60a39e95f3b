package io.tandemcc.web;

/** A wrong edge for LayerArchitectureTest only: a route reading a table directly. */
public final class ArchProbeWebToGeneratedTable {
  public Object table = io.tandemcc.db.generated.Tables.AGENT;
}
