package org.gridpatrol.domain.access;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * Password hashing with bcrypt (Bouncy Castle's implementation, in the {@code $2y$} format that other
 * tools read too) and the rules a new password must meet.
 */
public final class Passwords {
  /** bcrypt reads no more than 72 bytes of a password; a longer one would be cut without a word. */
  public static final int MAX_BYTES = 72;
  public static final int MIN_LENGTH = 10;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final int cost;
  /** A hash no password is known for, checked when a user name has no account. */
  private final String decoy;

  /** @param cost bcrypt's work factor: 2^cost rounds (10 takes about 0.1 s of one core, 12 about 0.3 s) */
  public Passwords(int cost) {
    if (cost < 4 || cost > 31) {
      throw new IllegalArgumentException("bcrypt cost must be 4..31, not " + cost);
    }
    this.cost = cost;
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    this.decoy = hash(HexFormat.of().formatHex(secret));
  }

  /**
   * Checks a password against nobody's hash: as slow as a real check, so that how long a login takes does not
   * tell whether the user name exists. Always false.
   */
  public boolean matchesNobody(String password) {
    return matches(password, decoy);
  }

  public String hash(String password) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    return OpenBSDBCrypt.generate("2y", password.toCharArray(), salt, cost);
  }

  public boolean matches(String password, String hash) {
    if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      return false;
    }
    return OpenBSDBCrypt.checkPassword(hash, password.toCharArray());
  }

  /** Why a password may not be used, or null if it may. */
  public static String problem(String password, String username) {
    if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
      return "a password needs at least " + MIN_LENGTH + " characters";
    }
    if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      return "a password may have at most " + MAX_BYTES + " bytes (72 letters, or 24 Chinese characters)";
    }
    if (username.length() >= 3 && password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
      return "a password must not contain the user name";
    }
    if (password.chars().distinct().count() < 4) {
      return "a password needs at least 4 different characters";
    }
    return null;
  }
}
