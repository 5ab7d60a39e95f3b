-- Per-tenant outbound rules (toll-fraud control, issue 13 item 6; docs/call-control.md "Outbound rules").
-- One row per tenant; a tenant without a row gets the column defaults (io.tandemcc.tenant.OutboundRules.DEFAULTS
-- mirrors them): no international calls, no premium numbers, at most 10 outbound legs per tenant and 1 per agent.
-- Prefixes are space-separated, each digits with an optional leading '+', written as an agent dials them
-- (0900, 00900, +44909); they are compared after the same normalisation as the number dialled.
create table tenant_outbound_rules (
  tenant_id              bigint primary key references tenant (id),
  -- E.164 country calling code of the tenant's trunk (e.g. 49, 1); null: every +/00 number is international and
  -- national 0... numbers cannot be compared with +... prefixes
  country_code           varchar(3),
  -- when not empty, only numbers starting with one of these may be dialled (blocked prefixes still win)
  allowed_prefixes       varchar(1000) not null default '',
  blocked_prefixes       varchar(1000) not null default '',
  premium_prefixes       varchar(1000) not null default '0900 00900 +900 +1900 +1976 +449 +4487 +979 +870 +881 +882 +883',
  international_allowed  boolean not null default false,
  premium_allowed        boolean not null default false,
  max_outbound_per_tenant integer not null default 10 check (max_outbound_per_tenant >= 0),
  max_outbound_per_agent  integer not null default 1 check (max_outbound_per_agent >= 0)
);

-- Tenants that exist before this migration keep international calls (they had them); premium numbers are refused.
insert into tenant_outbound_rules (tenant_id, international_allowed) select id, true from tenant;
