package io.tandemcc.common;

/** One invalid field of a request body: its JSON name and a sentence for the user. */
public record FieldError(String field, String message) {}
