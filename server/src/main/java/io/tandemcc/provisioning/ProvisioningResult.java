package io.tandemcc.provisioning;

import java.util.List;
import java.util.Map;

/**
 * What one provisioning run did.
 *
 * @param tenants the domains rendered into the files
 * @param skippedTenants domain → the problems that kept its current data out of the files
 * @param keptPrevious skipped tenants that were rendered with their last valid data instead
 * @param filesWritten the files whose content changed and were replaced
 * @param reloaded the reload commands Asterisk ran in this run
 * @param reloadsPending reload commands still owed to Asterisk (link down, or the reload failed):
 *     retried on the next run, at the latest when the AMI link comes up
 */
public record ProvisioningResult(
    List<String> tenants,
    Map<String, List<String>> skippedTenants,
    List<String> keptPrevious,
    List<String> filesWritten,
    List<String> reloaded,
    List<String> reloadsPending) {

  public ProvisioningResult {
    tenants = List.copyOf(tenants);
    skippedTenants = Map.copyOf(skippedTenants);
    keptPrevious = List.copyOf(keptPrevious);
    filesWritten = List.copyOf(filesWritten);
    reloaded = List.copyOf(reloaded);
    reloadsPending = List.copyOf(reloadsPending);
  }
}
