package io.tandemcc.pbx;

/** How a call was handed on. */
public enum TransferKind {
  /** The customer is dialled straight to the target; the agent never talks to it. */
  BLIND,
  /** The agent consulted the target first, then joined it with the customer. */
  ATTENDED
}
