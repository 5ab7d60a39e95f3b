package io.tandemcc.tenant;

import java.util.List;
import java.util.Optional;

/**
 * Per-tenant settings the agent desktop needs: not-ready reasons, attached-data keys, wrap-up rule.
 */
public record TenantSettings(
    List<NotReadyReason> notReadyReasons,
    List<AttachedDataKey> attachedDataKeys,
    boolean allowEndWrapupEarly,
    boolean ringBeep,
    boolean ringNotification,
    List<Disposition> dispositions,
    boolean dispositionRequired,
    boolean clickToDialAutoAnswer) {

  /** An outcome an agent gives a call (enabled ones, in display order). */
  public record Disposition(String code, String label) {}

  public Optional<Disposition> disposition(String code) {
    return dispositions.stream().filter(d -> d.code().equals(code)).findFirst();
  }

  public record NotReadyReason(String code, String label) {}

  /**
   * One of up to 10 named call variables, in display order; {@code label} is what the agent reads
   * ("Customer number"), empty when the admin gave none (the name is shown then).
   */
  public record AttachedDataKey(int position, String name, String label) {
    public AttachedDataKey(int position, String name) {
      this(position, name, "");
    }
  }

  public Optional<NotReadyReason> reason(String code) {
    return notReadyReasons.stream().filter(r -> r.code().equals(code)).findFirst();
  }
}
