package io.tandemcc.tenant;

/** A customer organisation; its {@code domain} is what users type at login. */
public record Tenant(long id, String domain, String name, boolean allowEndWrapupEarly) {}
