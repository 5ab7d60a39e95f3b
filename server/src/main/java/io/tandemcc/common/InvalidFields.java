package io.tandemcc.common;

import java.util.ArrayList;
import java.util.List;

/**
 * A request whose fields are wrong: 400 {@code invalid-fields} with every wrong field listed (the
 * problem's {@code errors} member), so a form can mark all of them at once. Collect with {@link
 * Builder}, then {@link Builder#throwIfAny()}; nothing is changed when it throws.
 */
public final class InvalidFields extends ApiException {
  private final List<FieldError> errors;

  public InvalidFields(List<FieldError> errors) {
    super(400, "invalid-fields", "Invalid request", summary(errors));
    this.errors = List.copyOf(errors);
  }

  public List<FieldError> errors() {
    return errors;
  }

  public static Builder builder() {
    return new Builder();
  }

  private static String summary(List<FieldError> errors) {
    if (errors.size() == 1) {
      return "'" + errors.get(0).field() + "': " + errors.get(0).message();
    }
    return errors.size()
        + " fields are invalid: "
        + String.join(", ", errors.stream().map(FieldError::field).toList())
        + ".";
  }

  /** Collects field errors in the order they are found. */
  public static final class Builder {
    private final List<FieldError> errors = new ArrayList<>();

    public Builder add(String field, String message) {
      errors.add(new FieldError(field, message));
      return this;
    }

    public boolean has(String field) {
      return errors.stream().anyMatch(e -> e.field().equals(field));
    }

    public boolean isEmpty() {
      return errors.isEmpty();
    }

    public void throwIfAny() {
      if (!errors.isEmpty()) {
        throw new InvalidFields(errors);
      }
    }
  }
}
