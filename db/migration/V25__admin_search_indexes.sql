-- Indexes of the administration's user list (issue 14, bench/RESULTS.md "Administration").

-- The first page and every next one by username: the keyset (username, id) read straight off the index, without a
-- sort of the tenant's users (app_user_username_uk has no id, so the tie-break would need one).
create index app_user_tenant_username_ix on app_user (tenant_id, username, id);

-- Search is a prefix search (q matches the start of a username, display name, agent number or extension), each
-- served by its own index; text_pattern_ops makes LIKE 'q%' use the index whatever the database's collation.
-- jOOQ's DDL parser does not read expression indexes with operator classes: the generated classes need no index.
/* [jooq ignore start] */
create index app_user_search_username_ix on app_user (tenant_id, lower(username) text_pattern_ops);
create index app_user_search_display_name_ix on app_user (tenant_id, lower(display_name) text_pattern_ops);
create index agent_search_number_ix on agent (tenant_id, agent_number text_pattern_ops);
create index extension_search_number_ix on extension (tenant_id, number text_pattern_ops);
/* [jooq ignore stop] */
