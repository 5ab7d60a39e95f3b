-- System administration (issue 14): a role `system` that manages tenants, and a tenant status.
--
-- The system users are ordinary users of one reserved tenant, domain `system`: they sign in like everybody else
-- (username / password / domain), their sessions and tokens are the same, and tenant scoping stays what it is
-- (the reserved tenant owns no agent, group or call, so a system user's tenant-scoped queries find nothing).
-- The web layer refuses them every tenant route, and refuses everybody else the system routes.

-- active: in service; suspended: nobody of it can sign in, its sessions were ended (resume brings it back);
-- deleted: soft-deleted for good (its call records, history and audit stay; the domain stays taken)
alter table tenant add column status varchar(16) not null default 'active';
alter table tenant add column status_changed_at timestamp with time zone;
alter table tenant add constraint tenant_status_ck check (status in ('active', 'suspended', 'deleted'));
-- the reserved tenant is never suspended or deleted
alter table tenant add constraint tenant_system_active_ck check (domain <> 'system' or status = 'active');

alter table app_user drop constraint app_user_role_ck;
alter table app_user add constraint app_user_role_ck check (role in ('admin', 'supervisor', 'agent', 'system'));

-- (an installation that already has a customer tenant named 'system' stops here on tenant_domain_uk: rename that
-- tenant's domain first; no shipped data uses it)
insert into tenant (domain, name, allow_end_wrapup_early) values ('system', 'System administration', false);

/* [jooq ignore start] */
-- The role `system` exists in the reserved tenant only, and that tenant holds nothing else: a tenant admin who
-- may create users (issue 14's /api/admin) can never make one of its users a system user, whatever the code does.
create function app_user_system_role_check() returns trigger language plpgsql as $$
begin
  if (new.role = 'system') <> exists (select 1 from tenant t where t.id = new.tenant_id and t.domain = 'system') then
    raise exception 'the role system belongs to the tenant system only, and that tenant holds only system users'
      using errcode = 'check_violation', constraint = 'app_user_system_role_ck';
  end if;
  return new;
end;
$$;

create trigger app_user_system_role
  before insert or update of role, tenant_id on app_user
  for each row execute function app_user_system_role_check();
/* [jooq ignore stop] */
