-- Call control: hold time, transfers, every agent leg of a call, recordings.

alter table call_record
  add column held_seconds   integer not null default 0,
  add column hold_count     integer not null default 0,
  add column transfer_count integer not null default 0;

-- Every agent leg of a customer call: the agent who took it, transfer targets, consulted agents.
create table call_party (
  id             bigint generated always as identity primary key,
  tenant_id      bigint not null,
  call_record_id bigint not null,
  agent_id       bigint not null,
  channel_id     varchar(64) not null,
  role           varchar(16) not null,
  joined_at      timestamp with time zone not null,
  answered_at    timestamp with time zone,
  left_at        timestamp with time zone,
  end_reason     varchar(24),
  constraint call_party_leg_uk unique (call_record_id, channel_id),
  constraint call_party_call_fk foreign key (tenant_id, call_record_id) references call_record (tenant_id, id),
  constraint call_party_agent_fk foreign key (tenant_id, agent_id) references agent (tenant_id, id),
  constraint call_party_role_ck check (role in ('primary', 'transfer', 'consult')),
  constraint call_party_end_ck check (end_reason in ('hangup', 'transferred', 'consult_ended'))
);

-- Recordings of a call (MixMonitor of an agent leg), with the agent's note.
create table call_recording (
  id             bigint generated always as identity primary key,
  tenant_id      bigint not null,
  call_record_id bigint not null,
  channel_id     varchar(64) not null,
  file_name      varchar(256) not null,
  started_at     timestamp with time zone not null,
  stopped_at     timestamp with time zone,
  note           varchar(1024),
  constraint call_recording_call_fk foreign key (tenant_id, call_record_id) references call_record (tenant_id, id)
);
