package org.gridpatrol.domain.access;

import java.security.SecureRandom;
import java.util.Base64;

/** Random secrets (session, device and admin tokens, first passwords): URL-safe base64 of random bytes. */
public final class Tokens {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Tokens() {}

  /** A new secret of {@code bytes} random bytes (24 gives 192 bits, 32 characters). */
  public static String random(int bytes) {
    byte[] buffer = new byte[bytes];
    RANDOM.nextBytes(buffer);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
  }
}
