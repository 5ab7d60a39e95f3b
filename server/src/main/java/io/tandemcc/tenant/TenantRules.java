package io.tandemcc.tenant;

import io.tandemcc.common.ApiException;
import java.util.regex.Pattern;

/**
 * What a tenant, its first admin and a system user must look like; the same rules for the REST API
 * and the {@code admin} command. Every refusal is a 400 problem with a stable code naming what is
 * wrong.
 */
public final class TenantRules {
  /**
   * Shortest password accepted for an account created or reset here (the login itself accepts any).
   */
  public static final int MIN_PASSWORD = 10;

  /** What /api/login reads at most. */
  public static final int MAX_PASSWORD = 256;

  public static final int MAX_NAME = 200;
  public static final int MAX_USERNAME = 64;

  /**
   * The database's tenant_domain_ck: PBX names are {@code <domain>-<extension>}, so letters and
   * digits only.
   */
  private static final Pattern DOMAIN = Pattern.compile("^[a-z0-9]{1,32}$");

  /** Usernames are typed at login and shown in logs and the audit: no spaces, no markup. */
  private static final Pattern USERNAME =
      Pattern.compile("^[A-Za-z0-9._@-]{1," + MAX_USERNAME + "}$");

  private TenantRules() {}

  public static String domain(String value) {
    if (value == null || !DOMAIN.matcher(value).matches()) {
      throw ApiException.badRequest(
          "invalid-domain",
          "The domain must be 1 to 32 lower-case letters (a-z) or digits, e.g. acme.");
    }
    if (Tenant.SYSTEM_DOMAIN.equals(value)) {
      throw ApiException.badRequest(
          "domain-reserved", "The domain 'system' is reserved for the system users.");
    }
    return value;
  }

  public static String username(String value) {
    if (value == null || !USERNAME.matcher(value).matches()) {
      throw ApiException.badRequest(
          "invalid-username",
          "A username is 1 to " + MAX_USERNAME + " letters, digits or . _ @ - (no spaces).");
    }
    return value;
  }

  /** A display or tenant name: trimmed, 1 to {@link #MAX_NAME} characters, one line. */
  public static String name(String field, String value) {
    String trimmed = value == null ? "" : value.strip();
    if (trimmed.isEmpty()) {
      throw ApiException.invalid("The field '" + field + "' must not be empty.");
    }
    if (trimmed.length() > MAX_NAME) {
      throw ApiException.invalid(
          "The field '" + field + "' is longer than " + MAX_NAME + " characters.");
    }
    if (trimmed.chars().anyMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f))) {
      throw ApiException.badRequest(
          "invalid-text", "The field '" + field + "' contains a control character.");
    }
    return trimmed;
  }

  /** A new password: at least {@link #MIN_PASSWORD} characters; never echoed in the problem. */
  public static String password(String value) {
    if (value == null || value.length() < MIN_PASSWORD) {
      throw ApiException.badRequest(
          "password-too-short",
          "The password must be at least " + MIN_PASSWORD + " characters long.");
    }
    if (value.length() > MAX_PASSWORD) {
      throw ApiException.badRequest(
          "password-too-long",
          "The password must be at most " + MAX_PASSWORD + " characters long.");
    }
    if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw ApiException.badRequest(
          "invalid-password", "The password contains a control character.");
    }
    return value;
  }
}
