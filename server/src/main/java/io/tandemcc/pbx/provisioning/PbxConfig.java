package io.tandemcc.pbx.provisioning;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The three generated files, as text. Write each to {@value #DIRECTORY}/&lt;file name&gt; below
 * Asterisk's configuration directory, then reload: PJSIP ({@value #RELOAD_PJSIP}), queues ({@value
 * #RELOAD_QUEUES}) and the dialplan ({@value #RELOAD_DIALPLAN}), e.g. with AMI {@code Command}.
 */
public record PbxConfig(String pjsip, String queues, String extensions) {
  /** Relative to Asterisk's configuration directory (usually {@code /etc/asterisk}). */
  public static final String DIRECTORY = "tandem";

  public static final String PJSIP_FILE = "pjsip_tenants.conf";
  public static final String QUEUES_FILE = "queues_tenants.conf";
  public static final String EXTENSIONS_FILE = "extensions_tenants.conf";

  /**
   * Re-reads pjsip.conf and its includes (every PJSIP object type). "pjsip reload" is not an
   * Asterisk 22 command, only an alias of the sample cli_aliases.conf, so it is not relied on.
   */
  public static final String RELOAD_PJSIP = "module reload res_pjsip.so";

  /**
   * Re-reads queues.conf: parameters, static members and rules; dynamic members and their pause
   * state stay.
   */
  public static final String RELOAD_QUEUES = "queue reload all";

  public static final String RELOAD_DIALPLAN = "dialplan reload";

  public PbxConfig {
    Objects.requireNonNull(pjsip, "pjsip");
    Objects.requireNonNull(queues, "queues");
    Objects.requireNonNull(extensions, "extensions");
  }

  /** File name → content, in the order to write them (and to reload after). */
  public Map<String, String> files() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put(PJSIP_FILE, pjsip);
    files.put(QUEUES_FILE, queues);
    files.put(EXTENSIONS_FILE, extensions);
    return files;
  }
}
