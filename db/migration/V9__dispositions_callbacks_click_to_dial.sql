-- After-call work: dispositions, personal callbacks and click-to-dial (issue 5).

-- A tenant's dispositions (the outcome an agent gives a call), in display order; disabled ones stay for the
-- call records that carry them.
create table disposition (
  id        bigint generated always as identity primary key,
  tenant_id bigint not null references tenant (id),
  code      varchar(32) not null,
  label     varchar(100) not null,
  position  integer not null default 0,
  enabled   boolean not null default true,
  constraint disposition_code_uk unique (tenant_id, code),
  constraint disposition_code_ck check (code ~ '^[a-z0-9][a-z0-9_-]{0,31}$')
);

-- Whether wrap-up can only be left once the call has a disposition; whether the webphone answers a
-- click-to-dial call by itself (Call-Info: answer-after=0).
alter table tenant
  add column disposition_required boolean not null default false,
  add column click_to_dial_auto_answer boolean not null default false;

alter table call_record
  add column disposition_code     varchar(32),
  add column disposition_note     varchar(1024),
  add column disposition_agent_id bigint,
  add column disposition_at       timestamp with time zone,
  add constraint call_record_disposition_fk foreign key (tenant_id, disposition_code)
    references disposition (tenant_id, code),
  add constraint call_record_disposition_agent_fk foreign key (tenant_id, disposition_agent_id)
    references agent (tenant_id, id);

-- An agent's personal callbacks: call this number back at due_at. reminded_at is set once the due reminder
-- was pushed, so it is pushed once.
create table callback (
  id             bigint generated always as identity primary key,
  tenant_id      bigint not null references tenant (id),
  agent_id       bigint not null,
  due_at         timestamp with time zone not null,
  number         varchar(32) not null,
  name           varchar(128) not null default '',
  note           varchar(1024) not null default '',
  call_record_id bigint,
  status         varchar(16) not null default 'open',
  reminded_at    timestamp with time zone,
  created_at     timestamp with time zone not null default current_timestamp,
  updated_at     timestamp with time zone not null default current_timestamp,
  constraint callback_agent_fk foreign key (tenant_id, agent_id) references agent (tenant_id, id),
  constraint callback_call_fk foreign key (tenant_id, call_record_id) references call_record (tenant_id, id),
  constraint callback_status_ck check (status in ('open', 'done', 'cancelled'))
);

create index callback_agent_ix on callback (tenant_id, agent_id, due_at) where status = 'open';
create index callback_due_ix on callback (due_at) where status = 'open' and reminded_at is null;
