-- Supervision: per-queue service level, the tenant's day, supervisors' own phones, and the audit log of
-- supervisor interventions.

-- Service level of a group's queue: the share of its calls answered within this many seconds of waiting.
alter table agent_group add column service_level_seconds integer not null default 20;
alter table agent_group add constraint agent_group_service_level_ck check (service_level_seconds between 1 and 3600);

-- "Today" in the queue figures starts at midnight in the tenant's time zone (an IANA name such as Europe/Berlin).
alter table tenant add column time_zone varchar(64) not null default 'UTC';

-- A supervisor's or admin's own webphone (silent monitor, whisper, barge-in): an extension of the tenant, like an
-- agent's, so its PJSIP endpoint is <domain>-<extension>.
alter table app_user add column phone_extension_id bigint;
alter table app_user add constraint app_user_phone_extension_fk
  foreign key (tenant_id, phone_extension_id) references extension (tenant_id, id);
alter table app_user add constraint app_user_phone_extension_uk unique (tenant_id, phone_extension_id);

-- Causes name who asked, e.g. NotReadyRequested:supervisor:<user id>; 32 characters cut that short.
alter table agent_state_history alter column cause type varchar(64);

-- Who did what to whom, and when: one row per supervisor intervention (state change, forced logout, monitoring),
-- whether it was carried out or refused. Append-only, like agent_state_history.
create table audit_log (
  id              bigint generated always as identity primary key,
  tenant_id       bigint not null references tenant (id),
  actor_user_id   bigint not null,
  target_agent_id bigint not null,
  action          varchar(32) not null,
  detail          varchar(200) not null default '',
  outcome         varchar(64) not null,
  occurred_at     timestamp with time zone not null,
  constraint audit_log_actor_fk foreign key (tenant_id, actor_user_id) references app_user (tenant_id, id),
  constraint audit_log_target_fk foreign key (tenant_id, target_agent_id) references agent (tenant_id, id)
);

create index audit_log_tenant_ix on audit_log (tenant_id, id);

/* [jooq ignore start] */
create function audit_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only';
end;
$$;

create trigger audit_log_no_update
  before update or delete on audit_log
  for each statement execute function audit_log_append_only();
/* [jooq ignore stop] */
