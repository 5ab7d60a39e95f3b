-- Tenant administration (issue 14, /api/admin/groups): a group's ring strategy and ring timeout, which the queue of
-- the group takes. Existing groups keep what the [tandem-queue] template of asterisk-conf/queues.conf gave them.
alter table agent_group add column strategy varchar(16) not null default 'rrmemory';
alter table agent_group add constraint agent_group_strategy_ck
  check (strategy in ('ringall', 'leastrecent', 'fewestcalls', 'random', 'rrmemory', 'linear', 'wrandom'));
alter table agent_group add column ring_timeout_seconds integer not null default 15;
alter table agent_group add constraint agent_group_ring_timeout_ck check (ring_timeout_seconds between 5 and 300);
alter table agent_group_member add constraint agent_group_member_penalty_ck check (penalty between 0 and 100);

-- The admin lists page by key on (tenant, sort column, id): they stay fast with 10,000 agents.
create index app_user_tenant_display_name_ix on app_user (tenant_id, display_name, id);

-- Deleting a user whose rows history refers to (state history, call records, audit: append-only) is soft: the user
-- keeps its id for that history, is disabled, marked deleted_at, and gives up its username, agent number and
-- extension for reuse (the username becomes '~<id>', which no login or new user can name; the agent number '~<id>';
-- the agent's extension is released). Lists of /api/admin leave deleted users out.
alter table app_user add column deleted_at timestamp with time zone;
alter table agent alter column extension_id drop not null;
