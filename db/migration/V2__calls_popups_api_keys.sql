-- Calls, their attached data, CRM popups and the API keys CRMs use.

-- One row per customer call as the agent desktop knows it (PBX call id = CC_CALLID or the caller's unique id).
create table call_record (
  id              bigint generated always as identity primary key,
  tenant_id       bigint not null references tenant (id),
  call_id         varchar(64) not null,
  kind            varchar(16) not null,
  queue_name      varchar(128),
  agent_id        bigint,
  caller_number   varchar(64) not null default '',
  caller_name     varchar(128) not null default '',
  dialed_number   varchar(64),
  started_at      timestamp with time zone not null,
  offered_at      timestamp with time zone,
  answered_at     timestamp with time zone,
  ended_at        timestamp with time zone,
  wait_seconds    integer,
  talk_seconds    integer,
  outcome         varchar(24),
  constraint call_record_tenant_id_uk unique (tenant_id, id),
  constraint call_record_call_uk unique (tenant_id, call_id),
  constraint call_record_agent_fk foreign key (tenant_id, agent_id) references agent (tenant_id, id),
  constraint call_record_kind_ck check (kind in ('queue', 'direct', 'outbound')),
  constraint call_record_outcome_ck check (outcome in ('answered', 'abandoned', 'not_answered', 'failed'))
);

create index call_record_started_ix on call_record (tenant_id, started_at);

-- Up to 10 variables per call, by position (the tenant names the positions in attached_data_key).
create table call_attached_data (
  tenant_id      bigint not null,
  call_record_id bigint not null,
  position       integer not null,
  value          varchar(1024) not null,
  source         varchar(8) not null,
  primary key (call_record_id, position),
  constraint call_attached_data_call_fk foreign key (tenant_id, call_record_id) references call_record (tenant_id, id),
  constraint call_attached_data_position_ck check (position between 1 and 10),
  constraint call_attached_data_source_ck check (source in ('pbx', 'api'))
);

-- CRM popup: a URL template per tenant (queue_name null = any call) opened on ring or on answer.
create table popup_rule (
  id           bigint generated always as identity primary key,
  tenant_id    bigint not null references tenant (id),
  queue_name   varchar(128),
  call_kind    varchar(16),
  url_template varchar(2048) not null,
  open_on      varchar(8) not null default 'ring',
  constraint popup_rule_open_on_ck check (open_on in ('ring', 'answer')),
  constraint popup_rule_kind_ck check (call_kind in ('queue', 'direct', 'outbound'))
);

create index popup_rule_tenant_ix on popup_rule (tenant_id);

-- Offer notifications of the agent desktop.
alter table tenant add column ring_beep boolean not null default true;
alter table tenant add column ring_notification boolean not null default true;

-- Keys a tenant's CRM uses to push attached data; only a SHA-256 of the key is stored.
create table api_key (
  id         bigint generated always as identity primary key,
  tenant_id  bigint not null references tenant (id),
  name       varchar(100) not null,
  key_hash   varchar(64) not null,
  created_at timestamp with time zone not null default current_timestamp,
  revoked_at timestamp with time zone,
  constraint api_key_hash_uk unique (key_hash)
);
