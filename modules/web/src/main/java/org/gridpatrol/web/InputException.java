package org.gridpatrol.web;

/** Input that breaks a rule: answered 400 with the field and the rule. */
public final class InputException extends RequestException {

  public InputException(String field, String rule, String message) {
    super(400, field, rule, message);
  }
}
