package io.tandemcc.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * Argon2id password hashing (password4j). Parameters follow OWASP's minimum for Argon2id: 19 MiB of
 * memory, two passes, one lane. Verification of an unknown user still runs a full hash, so timing
 * tells nothing.
 */
public final class PasswordHasher {
  private static final Argon2Function ARGON2 =
      Argon2Function.getInstance(19 * 1024, 2, 1, 32, Argon2.ID);
  private final String dummyHash;

  public PasswordHasher() {
    this.dummyHash = hash("not-a-real-password-only-used-for-constant-time");
  }

  public String hash(String password) {
    return Password.hash(password).addRandomSalt(16).with(ARGON2).getResult();
  }

  public boolean verify(String password, String hash) {
    try {
      return Password.check(password, hash).with(ARGON2);
    } catch (RuntimeException malformedHash) {
      return false;
    }
  }

  /** Spends the same time as a real verification, for logins that name no user. */
  public void verifyNothing(String password) {
    verify(password, dummyHash);
  }
}
