package org.gridpatrol.web;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request that cannot be served as asked: thrown (or failed with) anywhere in a route, answered by the
 * {@link FailureHandler} with its status, its headers and the error body naming the field.
 */
public class RequestException extends RuntimeException {
  private final int status;
  private final transient FieldError error;
  private final Map<String, String> headers = new LinkedHashMap<>();

  public RequestException(int status, String field, String rule, String message) {
    // No stack trace: these are answers, not faults, and some routes throw them per bad item.
    super(message, null, false, false);
    this.status = status;
    this.error = new FieldError(field, rule, message);
  }

  /** 404: nothing the caller may see has this name (also what lies outside their areas). */
  public static RequestException notFound(String field, String message) {
    return new RequestException(404, field, "not_found", message);
  }

  /** 409: the thing exists but is not in a state to do this. */
  public static RequestException conflict(String field, String rule, String message) {
    return new RequestException(409, field, rule, message);
  }

  /** Adds a header to the answer, e.g. Retry-After or WWW-Authenticate. */
  public RequestException header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  public int status() {
    return status;
  }

  public FieldError error() {
    return error;
  }

  public Map<String, String> headers() {
    return headers;
  }
}
