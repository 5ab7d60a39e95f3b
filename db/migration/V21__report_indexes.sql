-- Indexes of the reports (agent performance, queue, pause reasons). See bench/RESULTS.md, "Reports".

-- Agent report and pause report: one agent's state changes in a period (range on occurred_at), and the row
-- that was current when the period began (the newest row before it: the same index read backwards).
create index agent_state_history_report_ix on agent_state_history (tenant_id, agent_id, occurred_at, id);

-- Queue report: one queue's calls in a period, by the time they entered the queue: served by V20's
-- call_record_queue_started_ix (tenant_id, queue_name, started_at), made for the call history's queue filter.
