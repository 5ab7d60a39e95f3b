-- Issue 16: a per-agent, per-local-day rollup of the state history for the agent and pause reports per day or per
-- period (see bench/RESULTS.md, "Reports"). It is a cache of what the raw query gives for one closed local day,
-- filled by the report itself (report/DayRollup.java) from the very same SQL, so its figures are the raw ones:
--   * keyed by the tenant's time zone as it was when the day was computed: after a change of the tenant's zone the
--     old rows are simply not read any more (and the new zone's days are computed afresh);
--   * a day is cached only once it has ended (today is always read live from the raw rows);
--   * a state row written late (the history writer writes behind, a journal replay after a crash writes rows of the
--     past) deletes the cached days it may change (every day of that agent ending after the row's time), by the
--     trigger below; an advisory lock orders that delete against a fill running at the same time.

-- One row per agent and computed local day, even an empty one (so "computed" is known): the call counts.
create table agent_day_rollup (
  tenant_id  bigint not null,
  agent_id   bigint not null,
  zone       varchar(64) not null,
  day_start  timestamp with time zone not null,
  day_end    timestamp with time zone not null,
  offered    integer not null,
  answered   integer not null,
  missed     integer not null,
  made       integer not null,
  connected  integer not null,
  constraint agent_day_rollup_pk primary key (tenant_id, agent_id, zone, day_start),
  constraint agent_day_rollup_agent_fk foreign key (tenant_id, agent_id) references agent (tenant_id, id)
    on delete cascade
);

create index agent_day_rollup_end_ix on agent_day_rollup (tenant_id, agent_id, day_end);

-- The seconds of the day per status, Not Ready reason and call state (exact: numeric epoch seconds summed), and
-- how many pauses of that reason began that day.
create table agent_day_rollup_state (
  tenant_id    bigint not null,
  agent_id     bigint not null,
  zone         varchar(64) not null,
  day_start    timestamp with time zone not null,
  day_end      timestamp with time zone not null,
  status       varchar(24) not null,
  reason_code  varchar(32),
  call_state   varchar(16) not null,
  secs         numeric not null,
  pause_starts integer not null,
  constraint agent_day_rollup_state_day_fk foreign key (tenant_id, agent_id, zone, day_start)
    references agent_day_rollup (tenant_id, agent_id, zone, day_start) on delete cascade
);

create index agent_day_rollup_state_day_ix on agent_day_rollup_state (tenant_id, agent_id, zone, day_start);

/* [jooq ignore start] */
-- A state row written for a time the rollup already covers: forget the days it may change. Normal writes are of
-- now, so this finds nothing (one index probe). The shared lock lets writers run together; a fill takes the
-- exclusive one (DayRollup.LOCK) so it either sees this row or its days are deleted after it commits.
create function agent_state_history_rollup_stale() returns trigger language plpgsql as $$
begin
  perform pg_advisory_xact_lock_shared(1616, cast(new.tenant_id % 2147483647 as integer));
  delete from agent_day_rollup
    where tenant_id = new.tenant_id and agent_id = new.agent_id and day_end > new.occurred_at;
  return null;
end;
$$;

create trigger agent_state_history_rollup_stale
  after insert on agent_state_history
  for each row execute function agent_state_history_rollup_stale();
/* [jooq ignore stop] */
