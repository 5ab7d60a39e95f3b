package io.tandemcc.auth;

/** Every session of a user ended (logout); its browsers must go back to the login page. */
public record SessionEnded(long tenantId, long userId, String reason) {}
