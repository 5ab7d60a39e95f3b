/**
 * Reports over what the server already records: agent performance ({@link AgentReport}, from {@code
 * agent_state_history} and its call states), queues ({@link QueueReport}, from {@code call_record})
 * and Not Ready reasons ({@link PauseReport}). {@link Reports} is the use case: it checks the
 * caller's scope (admin: the tenant; supervisor: own groups; agents: none), turns the request into
 * a {@link ReportPeriod} in the tenant's time zone and runs one report, handing its rows one by one
 * to a {@link RowSink} so a CSV export streams in constant memory while a JSON page collects a page
 * of rows.
 *
 * <p>Time is cut into intervals in the tenant's local time (days start at local midnight, a DST day
 * has 23 or 25 hours); a state that spans a boundary counts on both sides, clipped. Counts
 * (offered, answered, pauses ...) are counted in the interval where they happened.
 */
package io.tandemcc.report;
