/**
 * Tenant administration: the use cases behind {@code /api/admin/*} (users and agents, extensions, groups and queues,
 * reasons, dispositions, attached-data keys, popup rules, settings, API keys). Each change is validated as a whole
 * ({@link io.tandemcc.common.InvalidFields}), written with its {@link AdminAudit} entry, and then announced to the
 * owners it concerns (agent state, team view, queue membership, sessions, PBX provisioning) so it takes effect at once.
 */
package io.tandemcc.admin;
