-- A wrap-up that waits for a disposition says so in the state history, so that a server restart during it restores
-- the wait instead of ending the wrap-up when its time is up (agent.StateRestore).
alter table agent_state_history
  add column disposition_owed text;
