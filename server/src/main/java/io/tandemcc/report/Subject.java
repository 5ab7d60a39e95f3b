package io.tandemcc.report;

/**
 * What one report row is about: an agent (id, agent number, display name) or a group and its queue
 * (id, queue name, group name, service-level threshold in seconds).
 */
public record Subject(long id, String number, String name, int threshold) {}
