package io.tandemcc.pbx;

import static io.tandemcc.pbx.EventFields.text;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An originate request: ring {@code agent}'s phone, then dial {@code number} as that agent would
 * dial it.
 *
 * @param callerName shown on the agent's phone while it rings (e.g. the customer's name from the
 *     CRM)
 * @param attachedData position (1..10) → value, set on the call as its {@code CC_VAR<n>} variables
 * @param autoAnswer ask the phone to answer by itself (a {@code Call-Info: answer-after=0} header)
 * @param ringTimeout how long the agent's phone may ring
 */
public record ClickToDial(
    AgentEndpoint agent,
    String number,
    String callerName,
    Map<Integer, String> attachedData,
    boolean autoAnswer,
    Duration ringTimeout) {
  public ClickToDial {
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(number, "number");
    callerName = text(callerName);
    attachedData = Collections.unmodifiableSortedMap(new TreeMap<>(attachedData));
    Objects.requireNonNull(ringTimeout, "ringTimeout");
  }
}
