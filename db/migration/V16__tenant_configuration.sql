-- Tenant configuration through /api/admin (issue 14): what the contract (docs/api.md, "Administration: tenant
-- configuration") has and the schema lacked.

-- The label an agent reads next to an attached-data value ("Customer number"); the name is what CRMs, popup
-- templates and the IVR (CC_VAR<position>) know it by. Empty: the name is shown.
alter table attached_data_key add column label varchar(100) not null default '';

-- A popup rule can be switched off without losing it; 'inbound' matches every call the agent receives (queue or
-- direct), as the administration offers it (inbound / outbound / any, null = any).
alter table popup_rule add column active boolean not null default true;
alter table popup_rule drop constraint popup_rule_kind_ck;
alter table popup_rule add constraint popup_rule_kind_ck check (call_kind in ('queue', 'direct', 'outbound', 'inbound'));

-- When a CRM last used a key (updated at most once a minute per key, not on every request).
alter table api_key add column last_used_at timestamp with time zone;

-- The trunk's registration as the administration edits it (rendered into the PBX configuration by provisioning).
-- The password must be given to Asterisk in clear, so it cannot be hashed; it is never returned by the API nor
-- written to the audit log.
alter table tenant_trunk add column host     varchar(253);
alter table tenant_trunk add column port     integer not null default 5060;
alter table tenant_trunk add column username varchar(64);
alter table tenant_trunk add column password varchar(128);
alter table tenant_trunk add constraint tenant_trunk_port_ck check (port between 1 and 65535);
