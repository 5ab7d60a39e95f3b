-- Issue 15: a state change is journalled to a local file before it is acknowledged and written to the database a
-- moment later; after a crash the journal is replayed. The entry id makes that replay idempotent: a row already
-- written before the crash is not written twice. Older rows have none (NULLs do not collide in a unique index).
alter table agent_state_history
  add column entry_id uuid;

create unique index agent_state_history_entry_uk on agent_state_history (entry_id);
