/**
 * Call history: the tenant's past calls as people look for them (period in the tenant's time zone,
 * agent, queue, direction, result, disposition, caller, attached data), one call's timeline,
 * parties and data, and its recordings served from the recordings directory. Read-only over what
 * the call package writes; who sees which calls is a {@link io.tandemcc.history.HistoryScope}.
 */
package io.tandemcc.history;
