package io.tandemcc.pbx;

/** The device state of a queue member as the PBX sees it. Pause is reported separately. */
public enum MemberStatus {
  UNKNOWN,
  FREE,
  IN_USE,
  BUSY,
  INVALID,
  UNAVAILABLE,
  RINGING,
  RINGING_IN_USE,
  ON_HOLD
}
