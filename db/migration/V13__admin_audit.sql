-- The audit log also records administration changes: what was changed (kind and id of the row, e.g. 'agent' 42,
-- 'queue' 7, 'tenant-settings' ''), and the values before and after (no secrets: password hashes and API key hashes
-- are never written; a password change is recorded as {"password": "changed"}). Supervisor interventions keep
-- target_agent_id; administration entries may have none (a reason, a queue). Still append-only (V5's trigger).
alter table audit_log alter column target_agent_id drop not null;
alter table audit_log add column target_kind varchar(32) not null default 'agent';
alter table audit_log add column target_id varchar(64) not null default '';
alter table audit_log add column before_value jsonb;
alter table audit_log add column after_value jsonb;

/* [jooq ignore start] */
-- existing intervention entries name their agent in target_id too (the one rewrite the append-only rule allows,
-- done by the migration with the rule's trigger held off)
alter table audit_log disable trigger audit_log_no_update;
update audit_log set target_id = target_agent_id::text where target_agent_id is not null;
alter table audit_log enable trigger audit_log_no_update;
/* [jooq ignore stop] */

create index audit_log_tenant_target_ix on audit_log (tenant_id, target_kind, target_id, id);
