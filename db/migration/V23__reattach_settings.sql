-- Reload survival (docs/webphone.md): how long a customer whose agent's page went away mid-call waits, held with
-- music, for the reloaded page to take the call back, and what happens when it does not come back in time:
-- 'requeue' (back into the call's queue at its head) or 'hangup' (an apology, then the call ends).
alter table tenant
  add column reattach_grace_seconds integer not null default 60
    constraint tenant_reattach_grace_range check (reattach_grace_seconds between 10 and 600),
  add column reattach_after text not null default 'requeue'
    constraint tenant_reattach_after_known check (reattach_after in ('requeue', 'hangup'));

-- An agent leg that ended because the agent's page went away while the customer was kept for the reloaded page
-- (the list of V20 plus page_closed).
alter table call_party drop constraint call_party_end_ck;
alter table call_party add constraint call_party_end_ck
  check (end_reason in ('hangup', 'transferred', 'consult_ended', 'left', 'dropped', 'conference_ended',
    'not_answered', 'page_closed'));
