/**
 * The PBX as the rest of the product sees it: what happened ({@link io.tandemcc.pbx.PbxEvent}, a
 * sealed catalogue of past-tense records, each carrying its tenant), what can be asked ({@link
 * io.tandemcc.pbx.PbxCommands}), and whether the PBX is reachable ({@link io.tandemcc.pbx.PbxLink},
 * {@link io.tandemcc.pbx.PbxLinkStatus}).
 *
 * <p>Names on the PBX are tenant-prefixed: endpoint {@code acme-1001} is {@link
 * io.tandemcc.pbx.AgentEndpoint} acme/1001, queue {@code acme-support} is {@link
 * io.tandemcc.pbx.QueueRef} acme/support. Nothing in this package knows Asterisk or asterisk-java;
 * the adapter lives in {@code io.tandemcc.pbx.ami} (an ArchUnit test keeps it so).
 */
package io.tandemcc.pbx;
