package io.tandemcc.web;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The HTTP-01 answers of the order under way: token to key authorization. The ordering thread puts
 * them in before it tells the CA to look, the redirect port ({@link HttpsRedirect}) serves them at
 * {@code /.well-known/acme-challenge/<token>}, and they are removed when the order is done.
 */
public final class AcmeChallenges {
  static final String PATH = "/.well-known/acme-challenge/";

  private final Map<String, String> answers = new ConcurrentHashMap<>();

  void put(String token, String keyAuthorization) {
    answers.put(token, keyAuthorization);
  }

  void remove(String token) {
    answers.remove(token);
  }

  Optional<String> answer(String token) {
    return Optional.ofNullable(answers.get(token));
  }
}
