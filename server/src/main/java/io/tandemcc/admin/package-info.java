/**
 * Tenant administration: the use cases behind {@code /api/admin/*} (users and agents, extensions,
 * groups and queues, reasons, dispositions, attached-data keys, popup rules, settings, API keys).
 * Each change is validated as a whole ({@link io.tandemcc.common.InvalidFields}), written with its
 * {@link AdminAudit} entry, and then announced to the owners it concerns (agent state, team view,
 * queue membership, sessions, PBX provisioning) so it takes effect at once.
 *
 * <p>Also the {@code admin} command line ({@link AdminCommand}: create-tenant, reset-password,
 * create-system-user), which a fresh production install runs before anyone can sign in.
 */
package io.tandemcc.admin;
