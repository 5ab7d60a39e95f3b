package io.tandemcc.provisioning;

/** Event-bus addresses of PBX provisioning (catalogue: docs/events.md). */
public final class ProvisioningAddresses {
  /**
   * {@link ProvisionPbx} → reply {@link ProvisioningResult} once the run is over (files written,
   * reloads sent). Handled by {@link ProvisioningVerticle}; no handler when provisioning is off
   * ({@code PBX_CONFIG_DIR} unset).
   */
  public static final String PROVISION = "provisioning.provision";

  private ProvisioningAddresses() {}
}
