package io.tandemcc.tenant;

import java.util.List;
import java.util.Optional;

/** Per-tenant settings the agent desktop needs: not-ready reasons, attached-data keys, wrap-up rule. */
public record TenantSettings(
    List<NotReadyReason> notReadyReasons,
    List<AttachedDataKey> attachedDataKeys,
    boolean allowEndWrapupEarly,
    boolean ringBeep,
    boolean ringNotification) {

  public record NotReadyReason(String code, String label) {}

  /** One of up to 10 named call variables, in display order. */
  public record AttachedDataKey(int position, String name) {}

  public Optional<NotReadyReason> reason(String code) {
    return notReadyReasons.stream().filter(r -> r.code().equals(code)).findFirst();
  }
}
