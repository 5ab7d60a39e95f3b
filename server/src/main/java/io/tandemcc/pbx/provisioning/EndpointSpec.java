package io.tandemcc.pbx.provisioning;

import java.util.Objects;

/**
 * An agent's browser phone. On the PBX it is the endpoint {@code <domain>-<extension>} (e.g. {@code
 * acme-1001}).
 *
 * @param extension the agent's extension, 2 to 8 digits
 * @param displayName the caller name colleagues see, e.g. {@code Alice Agent} (see {@link
 *     PbxNames#displayNameProblem})
 */
public record EndpointSpec(String extension, String displayName) {

  public EndpointSpec {
    Objects.requireNonNull(extension, "extension");
    Objects.requireNonNull(displayName, "displayName");
  }
}
