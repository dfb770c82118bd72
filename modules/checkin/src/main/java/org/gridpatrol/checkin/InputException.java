package org.gridpatrol.checkin;

/** Thrown while decoding input that breaks a rule; carries the field and the rule for the 4xx reply. */
public final class InputException extends RuntimeException {
  private final transient FieldError error;

  public InputException(String field, String rule, String message) {
    super(message, null, false, false);
    this.error = new FieldError(field, rule, message);
  }

  public FieldError error() {
    return error;
  }
}
