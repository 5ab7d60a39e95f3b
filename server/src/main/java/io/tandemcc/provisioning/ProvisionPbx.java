package io.tandemcc.provisioning;

import java.util.Objects;

/** Asks for a provisioning run now (e.g. after an administrator changed agents, groups or trunks). */
public record ProvisionPbx(String reason) {
  public ProvisionPbx {
    Objects.requireNonNull(reason, "reason");
  }
}
