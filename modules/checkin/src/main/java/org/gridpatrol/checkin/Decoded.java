package org.gridpatrol.checkin;

import org.gridpatrol.web.FieldError;

/**
 * Either a check-in item or the reason it could not be read. Exactly one of item and error is non-null;
 * clientRef is the item's own id when it could be read.
 */
public record Decoded(String clientRef, CheckinItem item, FieldError error) {

  public static Decoded of(CheckinItem item) {
    return new Decoded(item.clientRef(), item, null);
  }

  public static Decoded failed(String clientRef, FieldError error) {
    return new Decoded(clientRef, null, error);
  }

  public boolean ok() {
    return error == null;
  }
}
