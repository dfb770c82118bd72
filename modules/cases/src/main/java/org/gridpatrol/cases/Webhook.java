package org.gridpatrol.cases;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A receiver of escalation notifications: a URL that gets each notification as a JSON POST, signed with the
 * webhook's secret so the receiver can tell it came from GridPatrol: the header
 * {@code X-GridPatrol-Signature: sha256=<hex>} is the HMAC-SHA256 of {@code <timestamp>.<body>}, where the
 * timestamp (epoch seconds) is the header {@code X-GridPatrol-Timestamp} (a receiver refuses old ones, so a
 * captured request cannot be replayed later).
 */
public record Webhook(String name, URI url, String secret) {
  public static final String SIGNATURE_HEADER = "X-GridPatrol-Signature";
  public static final String TIMESTAMP_HEADER = "X-GridPatrol-Timestamp";

  /**
   * The webhooks listed in a YAML file as {name, url, secret}; none for no file.
   *
   * @throws IllegalStateException naming the file and what is wrong with it
   */
  @SuppressWarnings("unchecked")
  public static List<Webhook> load(Path file) {
    if (file == null) {
      return List.of();
    }
    try {
      List<Map<String, Object>> entries = new ObjectMapper(new YAMLFactory()).readValue(file.toFile(), List.class);
      return entries.stream().map(entry -> new Webhook(String.valueOf(entry.get("name")),
          URI.create(String.valueOf(entry.get("url"))), String.valueOf(entry.get("secret")))).toList();
    } catch (IOException | IllegalArgumentException | ClassCastException e) {
      throw new IllegalStateException("cases.webhooks_file " + file + " must be a YAML list of {name, url, secret}: "
          + e.getMessage(), e);
    }
  }

  public Webhook {
    Objects.requireNonNull(name, "name");
    if (!name.matches("[a-z0-9][a-z0-9_-]{0,39}")) {
      throw new IllegalArgumentException("a webhook name is 1-40 lower-case letters, digits, _ or -: " + name);
    }
    if (url == null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
      throw new IllegalArgumentException("webhook " + name + " needs an http(s) url, got " + url);
    }
    if (secret == null || secret.length() < 16) {
      throw new IllegalArgumentException("webhook " + name + " needs a secret of at least 16 characters");
    }
  }

  public String channel() {
    return "webhook:" + name;
  }

  /** The signature header's value for a body sent at {@code epochSecond}. */
  public String sign(long epochSecond, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest = mac.doFinal((epochSecond + "." + body).getBytes(StandardCharsets.UTF_8));
      return "sha256=" + HexFormat.of().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }
}
