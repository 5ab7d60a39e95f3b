package io.tandemcc.call;

import java.util.regex.Pattern;

/**
 * Whom a call is transferred to or who is consulted: an agent of the tenant, an outside number, or
 * a queue.
 */
public sealed interface CallTarget {
  /** What an agent may dial: digits, {@code +}, {@code *}, {@code #}; 1 to 32 characters. */
  Pattern NUMBER = Pattern.compile("[0-9+*#]{1,32}");

  record Agent(long agentId) implements CallTarget {}

  record Number(String number) implements CallTarget {
    public Number {
      if (number == null || !NUMBER.matcher(number).matches()) {
        throw new IllegalArgumentException("not a dialable number: " + number);
      }
    }
  }

  /**
   * @param name the queue's short name ({@code support}) or its agent group's name ({@code
   *     Support})
   */
  record Queue(String name) implements CallTarget {}
}
