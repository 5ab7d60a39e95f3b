package io.tandemcc.pbx.provisioning;

import java.util.List;

/**
 * The tenants' PBX model cannot be rendered safely; the message lists every problem found, one per
 * line.
 */
public final class PbxModelException extends RuntimeException {
  private final List<String> problems;

  public PbxModelException(List<String> problems) {
    super("Invalid PBX model:\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
