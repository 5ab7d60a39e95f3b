package io.tandemcc.call;

/** One attached-data variable of a call, named by the tenant's key for its position. */
public record AttachedItem(int position, String key, String value) {}
