package io.tandemcc.auth;

/** Event-bus addresses of the auth domain (catalogue: docs/events.md). */
public final class AuthAddresses {
  /**
   * {@link SessionEnded}, published when a user logged out: every browser of that user is signed
   * out.
   */
  public static final String SESSION_ENDED = "auth.session.ended";

  private AuthAddresses() {}
}
