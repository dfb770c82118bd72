package org.gridpatrol.domain.access;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordsTest {
  private final Passwords passwords = new Passwords(4);

  @Test
  void aHashMatchesItsPasswordOnlyAndIsSalted() {
    String hash = passwords.hash("东城区巡查2026");
    assertTrue(hash.startsWith("$2y$04$"), hash);
    assertTrue(passwords.matches("东城区巡查2026", hash));
    assertFalse(passwords.matches("东城区巡查2027", hash));
    assertNotEquals(hash, passwords.hash("东城区巡查2026"), "a fresh salt each time");
  }

  @Test
  void nobodysHashMatchesNoPassword() {
    assertFalse(passwords.matchesNobody(""));
    assertFalse(passwords.matchesNobody("东城区巡查2026"));
  }

  @Test
  void aPasswordLongerThanBcryptReadsNeverMatches() {
    String hash = passwords.hash("a".repeat(72));
    assertFalse(passwords.matches("a".repeat(73), hash));
  }

  @Test
  void rulesForNewPasswords() {
    assertNull(Passwords.problem("night-patrol-22", "wang.wei"));
    assertNotNull(Passwords.problem("short1", "wang.wei"));
    assertNotNull(Passwords.problem("x".repeat(73), "wang.wei"));
    assertNotNull(Passwords.problem("巡".repeat(25), "wang.wei"), "25 Chinese characters are 75 bytes");
    assertNotNull(Passwords.problem("my-wang.wei-pass", "wang.wei"));
    assertNotNull(Passwords.problem("aaaaabbbbbaaaaa", "wang.wei"));
  }
}
