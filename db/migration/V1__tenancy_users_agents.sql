-- Tenancy, users, agents, groups and agent state history.
-- Every tenant-owned table carries tenant_id, and every reference between tenant-owned rows goes through
-- a composite (tenant_id, id) foreign key, so the database itself refuses to link rows of two tenants.

create table tenant (
  id                     bigint generated always as identity primary key,
  domain                 varchar(63) not null,
  name                   varchar(200) not null,
  allow_end_wrapup_early boolean not null default true,
  created_at             timestamp with time zone not null default current_timestamp,
  constraint tenant_domain_uk unique (domain),
  -- letters and digits only: PBX names are <domain>-<extension> and <domain>-<queue>
  constraint tenant_domain_ck check (domain ~ '^[a-z0-9]{1,32}$')
);

create table app_user (
  id            bigint generated always as identity primary key,
  tenant_id     bigint not null references tenant (id),
  username      varchar(64) not null,
  display_name  varchar(200) not null,
  password_hash varchar(255) not null,
  role          varchar(16) not null,
  enabled       boolean not null default true,
  created_at    timestamp with time zone not null default current_timestamp,
  constraint app_user_tenant_id_uk unique (tenant_id, id),
  constraint app_user_username_uk unique (tenant_id, username),
  constraint app_user_role_ck check (role in ('admin', 'supervisor', 'agent'))
);

create table extension (
  id        bigint generated always as identity primary key,
  tenant_id bigint not null references tenant (id),
  number    varchar(8) not null,
  constraint extension_tenant_id_uk unique (tenant_id, id),
  constraint extension_number_uk unique (tenant_id, number),
  constraint extension_number_ck check (number ~ '^[0-9]{2,8}$')
);

create table agent (
  id                 bigint generated always as identity primary key,
  tenant_id          bigint not null references tenant (id),
  user_id            bigint not null,
  agent_number       varchar(16) not null,
  extension_id       bigint not null,
  wrapup_seconds     integer not null default 30,
  after_call_work    varchar(16) not null default 'after_answer',
  working_way        varchar(16) not null default 'both',
  static_member      boolean not null default false,
  constraint agent_tenant_id_uk unique (tenant_id, id),
  constraint agent_user_uk unique (user_id),
  constraint agent_number_uk unique (tenant_id, agent_number),
  constraint agent_extension_uk unique (tenant_id, extension_id),
  constraint agent_user_fk foreign key (tenant_id, user_id) references app_user (tenant_id, id),
  constraint agent_extension_fk foreign key (tenant_id, extension_id) references extension (tenant_id, id),
  constraint agent_wrapup_ck check (wrapup_seconds between 0 and 3600),
  constraint agent_acw_ck check (after_call_work in ('after_ring', 'after_answer', 'off')),
  constraint agent_working_way_ck check (working_way in ('inbound', 'outbound', 'both'))
);

create table agent_group (
  id         bigint generated always as identity primary key,
  tenant_id  bigint not null references tenant (id),
  name       varchar(200) not null,
  queue_name varchar(128) not null,
  constraint agent_group_tenant_id_uk unique (tenant_id, id),
  constraint agent_group_name_uk unique (tenant_id, name),
  constraint agent_group_queue_uk unique (queue_name)
);

create table agent_group_member (
  tenant_id bigint not null,
  group_id  bigint not null,
  agent_id  bigint not null,
  penalty   integer not null default 0,
  primary key (group_id, agent_id),
  constraint agent_group_member_group_fk foreign key (tenant_id, group_id) references agent_group (tenant_id, id),
  constraint agent_group_member_agent_fk foreign key (tenant_id, agent_id) references agent (tenant_id, id)
);

create table group_supervisor (
  tenant_id bigint not null,
  group_id  bigint not null,
  user_id   bigint not null,
  primary key (group_id, user_id),
  constraint group_supervisor_group_fk foreign key (tenant_id, group_id) references agent_group (tenant_id, id),
  constraint group_supervisor_user_fk foreign key (tenant_id, user_id) references app_user (tenant_id, id)
);

create table not_ready_reason (
  id         bigint generated always as identity primary key,
  tenant_id  bigint not null references tenant (id),
  code       varchar(32) not null,
  label      varchar(100) not null,
  sort_order integer not null default 0,
  active     boolean not null default true,
  constraint not_ready_reason_code_uk unique (tenant_id, code)
);

create table attached_data_key (
  tenant_id bigint not null references tenant (id),
  position  integer not null,
  key_name  varchar(64) not null,
  primary key (tenant_id, position),
  constraint attached_data_key_name_uk unique (tenant_id, key_name),
  constraint attached_data_key_position_ck check (position between 1 and 10)
);

create table agent_state_history (
  id             bigint generated always as identity primary key,
  tenant_id      bigint not null,
  agent_id       bigint not null,
  status         varchar(24) not null,
  reason_code    varchar(32),
  reason_label   varchar(100),
  pending_code   varchar(32),
  pending_label  varchar(100),
  call_state     varchar(16) not null,
  call_id        varchar(64),
  wrapup_ends_at timestamp with time zone,
  cause          varchar(32) not null,
  occurred_at    timestamp with time zone not null,
  constraint agent_state_history_agent_fk foreign key (tenant_id, agent_id) references agent (tenant_id, id)
);

create index agent_state_history_agent_ix on agent_state_history (tenant_id, agent_id, id);

create table user_session (
  id           bigint generated always as identity primary key,
  tenant_id    bigint not null,
  user_id      bigint not null,
  token_hash   varchar(64) not null,
  created_at   timestamp with time zone not null default current_timestamp,
  last_used_at timestamp with time zone not null default current_timestamp,
  expires_at   timestamp with time zone not null,
  revoked_at   timestamp with time zone,
  constraint user_session_token_uk unique (token_hash),
  constraint user_session_user_fk foreign key (tenant_id, user_id) references app_user (tenant_id, id)
);

/* [jooq ignore start] */
-- The state history is append-only: corrections are new rows, never edits.
create function agent_state_history_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'agent_state_history is append-only';
end;
$$;

create trigger agent_state_history_no_update
  before update or delete on agent_state_history
  for each statement execute function agent_state_history_append_only();
/* [jooq ignore stop] */
