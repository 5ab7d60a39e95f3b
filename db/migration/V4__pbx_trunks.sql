-- How a tenant's agents call out: the PJSIP endpoint of the tenant's trunk (written by hand in pjsip.conf, named
-- <domain>-<something>, see asterisk-conf/README.md) and the caller id presented to the called party. A tenant
-- without a row has no outside line: its agents call colleagues only. The server renders this into
-- tandem/extensions_tenants.conf; the renderer also checks that the endpoint carries the tenant's own prefix.
create table tenant_trunk (
  tenant_id        bigint primary key references tenant (id),
  endpoint         varchar(79) not null,
  -- null: leave the caller id to the trunk
  caller_id_number varchar(21),
  constraint tenant_trunk_endpoint_ck check (endpoint ~ '^[a-z0-9]+-[a-z0-9]([a-z0-9-]*[a-z0-9])?$'),
  constraint tenant_trunk_caller_id_ck check (caller_id_number ~ '^\+?[0-9]{2,20}$')
);
