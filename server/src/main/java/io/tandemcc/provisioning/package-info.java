/**
 * Keeps Asterisk's generated configuration in step with the database: {@link
 * io.tandemcc.provisioning.ProvisioningSource} reads every tenant's agents, queues and trunk,
 * {@link io.tandemcc.provisioning.Provisioner} renders them with the pure {@code
 * io.tandemcc.pbx.provisioning} renderer (leaving out, and logging, a tenant whose data cannot be
 * rendered safely), replaces the files that changed in {@code PBX_CONFIG_DIR} and reloads those
 * parts of Asterisk over AMI. {@link io.tandemcc.provisioning.ProvisioningVerticle} runs it at
 * start-up, whenever the AMI link comes up, and on request ({@link
 * io.tandemcc.provisioning.ProvisioningAddresses#PROVISION}).
 */
package io.tandemcc.provisioning;
