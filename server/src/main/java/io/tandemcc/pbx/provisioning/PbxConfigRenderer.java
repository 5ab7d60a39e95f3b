package io.tandemcc.pbx.provisioning;

import io.tandemcc.pbx.UpstreamCredentials;
import java.util.List;
import java.util.Objects;

/**
 * Renders the generated Asterisk configuration of all tenants: one call, three files. The output
 * depends only on the model, never on the order of the input lists or on the clock, so an unchanged
 * database gives unchanged files (and the server can skip the reload).
 *
 * <pre>{@code
 * PbxConfig config = PbxConfigRenderer.render(tenants);   // throws PbxModelException listing every problem
 * config.files().forEach((file, text) -> write("/etc/asterisk/tandem/" + file, text));
 * // then AMI Command: PbxConfig.RELOAD_PJSIP, RELOAD_QUEUES, RELOAD_DIALPLAN
 * }</pre>
 */
public final class PbxConfigRenderer {
  private PbxConfigRenderer() {}

  /**
   * The three files for these tenants, the agents' endpoints without auth (Asterisk trusts the From
   * user: only for a transport nothing but the proxy reaches); refuses (with every problem listed)
   * a model it cannot render safely.
   */
  public static PbxConfig render(List<TenantPbxModel> tenants) {
    return renderWith(tenants, null);
  }

  /**
   * The same, each agent endpoint with an auth object holding its password derived from {@code
   * credentials}.
   */
  public static PbxConfig render(List<TenantPbxModel> tenants, UpstreamCredentials credentials) {
    return renderWith(tenants, Objects.requireNonNull(credentials, "credentials"));
  }

  private static PbxConfig renderWith(
      List<TenantPbxModel> tenants, UpstreamCredentials credentials) {
    Objects.requireNonNull(tenants, "tenants");
    List<String> problems = PbxModelValidator.problems(tenants);
    if (!problems.isEmpty()) {
      throw new PbxModelException(problems);
    }
    List<TenantPbxModel> sorted = Ordering.sorted(tenants);
    return new PbxConfig(
        PjsipRenderer.render(sorted, credentials),
        QueuesRenderer.render(sorted),
        DialplanRenderer.render(sorted));
  }

  /**
   * Every problem that would make {@link #render} refuse these tenants; empty when they can be
   * rendered.
   */
  public static List<String> problems(List<TenantPbxModel> tenants) {
    return PbxModelValidator.problems(Objects.requireNonNull(tenants, "tenants"));
  }
}
