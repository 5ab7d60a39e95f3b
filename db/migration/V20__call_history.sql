-- Call history (issue 16): what a call list filters on, the hold intervals its timeline shows, and the indexes its
-- filters use. (One action per statement: the build's jOOQ code generation parses this file.)

-- Whether the call was placed by a CRM's click-to-dial (POST /api/dial): its record is an outbound call otherwise.
alter table call_record add column click_to_dial boolean not null default false;

-- The call as the history names it, kept by the trigger below from the facts the call verticle writes, so the
-- list can filter and index on it instead of recomputing it per row:
--   direction: inbound (a queue call, or a direct call from outside), outbound (an agent or callback dialled an
--     outside number), internal (a direct call from, or an outbound call to, one of the tenant's extensions),
--     click_to_dial (placed by a CRM);
--   result: transferred (answered, then handed on), answered, abandoned (the caller hung up while queued or
--     ringing), missed (rang and nobody answered, or the outside party did not answer); null while in progress.
alter table call_record add column direction varchar(16);
alter table call_record add column result varchar(16);
alter table call_record add constraint call_record_direction_ck
  check (direction in ('inbound', 'outbound', 'internal', 'click_to_dial'));
alter table call_record add constraint call_record_result_ck
  check (result in ('answered', 'abandoned', 'missed', 'transferred'));

/* [jooq ignore start] */
create function call_record_history_names() returns trigger language plpgsql as $$
begin
  new.direction := case
    when new.click_to_dial then 'click_to_dial'
    when new.kind = 'queue' then 'inbound'
    when new.kind = 'direct' and exists (select 1 from extension x
        where x.tenant_id = new.tenant_id and x.number = new.caller_number) then 'internal'
    when new.kind = 'direct' then 'inbound'
    when exists (select 1 from extension x
        where x.tenant_id = new.tenant_id and x.number = new.dialed_number) then 'internal'
    else 'outbound' end;
  new.result := case
    when new.transfer_count > 0 then 'transferred'
    when new.outcome = 'answered' or new.answered_at is not null then 'answered'
    when new.outcome = 'abandoned' then 'abandoned'
    when new.outcome in ('not_answered', 'failed') then 'missed'
    when new.ended_at is not null then 'missed'
    else null end;
  return new;
end $$;

create trigger call_record_history_names before insert or update on call_record
  for each row execute function call_record_history_names();

-- the calls recorded before this migration get their names too (the trigger runs on this update)
update call_record set click_to_dial = false;
/* [jooq ignore stop] */

-- Hold intervals of a call (call_record keeps their count and total; the timeline shows each one).
create table call_hold (
  id             bigint generated always as identity primary key,
  tenant_id      bigint not null,
  call_record_id bigint not null,
  held_at        timestamp with time zone not null,
  resumed_at     timestamp with time zone not null,
  constraint call_hold_call_fk foreign key (tenant_id, call_record_id) references call_record (tenant_id, id)
);
create index call_hold_call_ix on call_hold (call_record_id);

-- A ring that was not answered: the party's leg ends with 'not_answered' (it rang, nobody picked up).
alter table call_party drop constraint call_party_end_ck;
alter table call_party add constraint call_party_end_ck
  check (end_reason in ('hangup', 'transferred', 'consult_ended', 'left', 'dropped', 'conference_ended',
    'not_answered'));

-- Indexes of the history's filters. Every list is one tenant's and a period of at most a year, newest first,
-- paged by (started_at, id): the existing call_record_started_ix (tenant_id, started_at) serves an unfiltered
-- list; the ones below let a selective filter start from its own rows instead of scanning the period:
--   an agent's calls: the agent who has the call (call_record.agent_id) ...
create index call_record_agent_started_ix on call_record (tenant_id, agent_id, started_at);
--   ... or any leg of it (rang, transfer target, consulted, conference): call_party by agent, to the call
create index call_party_agent_ix on call_party (tenant_id, agent_id, call_record_id);
--   a queue's calls (also a supervisor's scope: its groups' queues)
create index call_record_queue_started_ix on call_record (tenant_id, queue_name, started_at);
--   the other party's number, by prefix (varchar_pattern_ops: LIKE 'prefix%' regardless of the collation): the
--   caller of an inbound call, the dialled number of an outbound one (a BitmapOr of the two)
/* [jooq ignore start] */
create index call_record_caller_ix on call_record (tenant_id, caller_number varchar_pattern_ops, started_at);
create index call_record_dialed_ix on call_record (tenant_id, dialed_number varchar_pattern_ops, started_at);
/* [jooq ignore stop] */
--   direction, result and disposition are not selective alone: the period stays the leading range after them
create index call_record_direction_started_ix on call_record (tenant_id, direction, started_at);
create index call_record_result_started_ix on call_record (tenant_id, result, started_at);
create index call_record_disposition_started_ix on call_record (tenant_id, disposition_code, started_at);
--   an attached-data value under one key (a customer id, a ticket number): the value leads to its calls
create index call_attached_data_value_ix on call_attached_data (tenant_id, position, value);
--   the recordings of a call (the detail view, and every download's authorization)
create index call_recording_call_ix on call_recording (call_record_id);
