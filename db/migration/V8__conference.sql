-- Conferences: every party of a call's conference is a call_party row — agents, and now the customer and outside
-- numbers too (no agent). A leg that was on the call before the conference keeps its row (and role); parties that
-- enter the conference room get role 'conference'. End reasons: 'left' (the party left the room or hung up),
-- 'dropped' (an agent dropped it), 'conference_ended' (an agent ended the conference).
-- (One action per statement: the build's jOOQ code generation parses this file.)

alter table call_party alter column agent_id drop not null;
alter table call_party add column party_kind varchar(16) not null default 'agent';
alter table call_party add column number varchar(64);
alter table call_party add column display_name varchar(128);

alter table call_party add constraint call_party_kind_ck check (party_kind in ('agent', 'customer', 'number'));
alter table call_party add constraint call_party_kind_agent_ck check ((party_kind = 'agent') = (agent_id is not null));

alter table call_party drop constraint call_party_role_ck;
alter table call_party add constraint call_party_role_ck
  check (role in ('primary', 'transfer', 'consult', 'conference'));

alter table call_party drop constraint call_party_end_ck;
alter table call_party add constraint call_party_end_ck
  check (end_reason in ('hangup', 'transferred', 'consult_ended', 'left', 'dropped', 'conference_ended'));
