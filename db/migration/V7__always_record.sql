-- Always-record per queue: when an agent answers a call of such a queue, the server starts recording it.
alter table agent_group
  add column always_record boolean not null default false;
