package io.tandemcc.pbx;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A tenant's conference room on the PBX: extension {@code number} of the tenant's conference
 * context ({@code <tenant>-conf}), which puts every leg sent there into the ConfBridge room {@code
 * <tenant>-room-<number>} (see the generated dialplan). One room per call: {@link #forCall} derives
 * the number from the call id.
 */
public record ConferenceRoom(String tenant, String number) {
  private static final Pattern TENANT = Pattern.compile("[a-z0-9]+");
  private static final Pattern NUMBER = Pattern.compile("[0-9]{1,40}");
  private static final Pattern UNIQUE_ID = Pattern.compile("([0-9]{10})\\.([0-9]{1,9})");

  public ConferenceRoom {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(number, "number");
    if (!TENANT.matcher(tenant).matches()) {
      throw new IllegalArgumentException("tenant must be lower-case letters and digits: " + tenant);
    }
    if (!NUMBER.matcher(number).matches()) {
      throw new IllegalArgumentException("a room number is 1 to 40 digits: " + number);
    }
  }

  /**
   * The room of one call. Asterisk's unique ids are {@code <10-digit epoch>.<sequence>}: dropping
   * the dot keeps them apart (the epoch has a fixed length). Any other call id gets a number from
   * its hash (unique enough for the few conferences that run at once, and still within the tenant).
   */
  public static ConferenceRoom forCall(String tenant, String callId) {
    var m = UNIQUE_ID.matcher(callId);
    String number =
        m.matches() ? m.group(1) + m.group(2) : "9" + Integer.toUnsignedString(callId.hashCode());
    return new ConferenceRoom(tenant, number);
  }

  /**
   * The ConfBridge room's name, as the PBX's events carry it, e.g. {@code acme-room-17953155570}.
   */
  public String name() {
    return tenant + "-room-" + number;
  }

  /** The dialplan context whose extensions are the tenant's rooms, e.g. {@code acme-conf}. */
  public String context() {
    return io.tandemcc.pbx.provisioning.PbxNames.conferenceContext(tenant);
  }
}
