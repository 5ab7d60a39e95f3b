package io.tandemcc.pbx.ami;

/**
 * An AMI event lacks a field we need or has one we cannot read. Caught by the translator, never
 * escapes it.
 */
final class MalformedEventException extends RuntimeException {
  MalformedEventException(String message) {
    super(message, null, false, false);
  }

  static String require(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new MalformedEventException("missing " + field);
    }
    return value;
  }

  static <T> T require(T value, String field) {
    if (value == null) {
      throw new MalformedEventException("missing " + field);
    }
    return value;
  }
}
