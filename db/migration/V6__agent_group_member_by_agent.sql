-- Finding an agent's groups (login, agent state load, queue membership on every state change, the PBX's
-- resynchronisation, call lookups) filtered agent_group_member by agent, which its primary key (group_id, agent_id)
-- cannot serve: a sequential scan per lookup. With 10,000 agents the resynchronisation at AMI link-up ran for minutes
-- (see bench/RESULTS.md).
create index agent_group_member_agent_ix on agent_group_member (tenant_id, agent_id);
