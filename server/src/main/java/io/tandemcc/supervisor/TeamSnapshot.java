package io.tandemcc.supervisor;

/**
 * The answer to a {@link TeamQuery}: the JSON document of {@code GET /api/supervisor/team}, encoded
 * once by the team's owner ({@code {version, serverTime, agents: [...], queues: [...]}}, see
 * docs/api.md).
 */
public record TeamSnapshot(String json) {}
