/**
 * Renders the generated part of the Asterisk configuration — {@code tandem/pjsip_tenants.conf},
 * {@code tandem/queues_tenants.conf} and {@code tandem/extensions_tenants.conf}, included by the
 * static files in {@code asterisk-conf/} — from a plain model of the tenants' agents, queues and
 * trunks.
 *
 * <p>Pure Java: no I/O, no Vert.x, no AMI. The caller builds {@link
 * io.tandemcc.pbx.provisioning.TenantPbxModel}s from the database, calls {@link
 * io.tandemcc.pbx.provisioning.PbxConfigRenderer#render}, writes the three strings and reloads
 * Asterisk. Every name that reaches a configuration file is validated first ({@link
 * io.tandemcc.pbx.provisioning.PbxNames}), so no tenant, queue or display name can inject
 * configuration.
 */
package io.tandemcc.pbx.provisioning;
