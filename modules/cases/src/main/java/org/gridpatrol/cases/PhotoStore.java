package org.gridpatrol.cases;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import org.gridpatrol.store.CaseRepository;
import org.gridpatrol.web.InputException;

/**
 * Case photos as files under {@code cases.photo_dir}: {@code <case id>/<sha-256 of the bytes>}, written in
 * full (to a temporary file moved into place) before the photo's row is committed, so a row always has its
 * file; a failed upload at most leaves a file no row names. Only JPEG, PNG and WebP are taken, recognised by
 * their content.
 */
public final class PhotoStore {
  private final Vertx vertx;
  private final CaseRepository cases;
  private final Path dir;
  private final int maxBytes;

  public PhotoStore(Vertx vertx, CaseRepository cases, Path dir, int maxBytes) {
    this.vertx = vertx;
    this.cases = cases;
    this.dir = dir;
    this.maxBytes = maxBytes;
  }

  int maxBytes() {
    return maxBytes;
  }

  Path file(CaseRepository.Photo photo) {
    return dir.resolve(Long.toString(photo.caseId())).resolve(photo.sha256());
  }

  /**
   * The photo's type from its first bytes; the declared Content-Type must agree.
   *
   * @throws InputException if it is empty, not a JPEG, PNG or WebP, or not what it is declared to be
   */
  static String contentType(String declared, Buffer bytes) {
    if (bytes == null || bytes.length() == 0) {
      throw new InputException("body", "required", "the body must be the photo (image/jpeg, image/png or image/webp)");
    }
    String actual = sniff(bytes);
    if (actual == null) {
      throw new InputException("body", "image_type", "the photo must be a JPEG, PNG or WebP image");
    }
    String type = declared == null ? "" : declared.split(";")[0].trim().toLowerCase(Locale.ROOT);
    if (!type.equals(actual)) {
      throw new InputException("Content-Type", "image_type", "Content-Type must be " + actual + " for this photo, "
          + "not " + (type.isEmpty() ? "nothing" : type));
    }
    return actual;
  }

  private static String sniff(Buffer bytes) {
    if (bytes.length() >= 3 && (bytes.getByte(0) & 0xff) == 0xFF && (bytes.getByte(1) & 0xff) == 0xD8
        && (bytes.getByte(2) & 0xff) == 0xFF) {
      return "image/jpeg";
    }
    if (bytes.length() >= 8 && bytes.getString(1, 4).equals("PNG") && (bytes.getByte(0) & 0xff) == 0x89) {
      return "image/png";
    }
    if (bytes.length() >= 12 && bytes.getString(0, 4).equals("RIFF") && bytes.getString(8, 12).equals("WEBP")) {
      return "image/webp";
    }
    return null;
  }

  /** Stores the bytes, then the photo's row (with its audit event); completes with the row. */
  Future<CaseRepository.Photo> save(long caseId, String contentType, Buffer bytes, String by, Instant at) {
    String sha256 = sha256(bytes);
    Path caseDir = dir.resolve(Long.toString(caseId));
    return vertx.executeBlocking(() -> {
      Files.createDirectories(caseDir);
      Path temporary = Files.createTempFile(caseDir, "upload-", ".part");
      try {
        Files.write(temporary, bytes.getBytes());
        Files.move(temporary, caseDir.resolve(sha256), StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(temporary);
      }
      return null;
    }, false).compose(v -> cases.addPhoto(caseId, contentType, bytes.length(), sha256, by, at));
  }

  private static String sha256(Buffer bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.getBytes()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
