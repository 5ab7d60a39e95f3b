package io.tandemcc.provisioning;

import java.util.Objects;

/**
 * Asks for a provisioning run now (e.g. after an administrator changed agents, groups or trunks).
 *
 * @param tenantId the one tenant whose data changed: only it is read again, the others are rendered
 *     as last read; {@code null} reads every tenant
 */
public record ProvisionPbx(String reason, Long tenantId) {
  public ProvisionPbx {
    Objects.requireNonNull(reason, "reason");
  }

  /** Every tenant is read again. */
  public ProvisionPbx(String reason) {
    this(reason, null);
  }
}
