package org.gridpatrol.web;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A CSV file for spreadsheets; every CSV the API gives is written by this class, so all of them are read the
 * same way by the programs that open them.
 *
 * <ul>
 *   <li>RFC 4180: a cell is quoted when it holds a comma, a quote or a line break, lines end with CRLF.</li>
 *   <li>UTF-8 with a byte-order mark first: Excel (on Chinese Windows too) reads a CSV without one in the
 *       local code page and garbles the Chinese names.</li>
 *   <li>Safe to open in Excel: a text cell starting with {@code =}, {@code +}, {@code -}, {@code @}, a tab or
 *       a carriage return would be run as a formula (CSV injection: a description reported as
 *       {@code =HYPERLINK(...)} would act on the computer of whoever opens the export), so it gets a single
 *       quote in front, as OWASP recommends. Numbers are written by {@link #number} and never escaped, so a
 *       longitude of -0.12 stays a number a spreadsheet can sum; everything else goes through {@link #text}.</li>
 * </ul>
 */
public final class Csv {
  public static final String CONTENT_TYPE = "text/csv; charset=utf-8";
  private static final char BYTE_ORDER_MARK = '\uFEFF';
  /** The first characters that make Excel, LibreOffice and Google Sheets take a cell for a formula. */
  private static final String FORMULA_STARTS = "=+-@\t\r";

  private final StringBuilder out = new StringBuilder().append(BYTE_ORDER_MARK);
  private final CSVPrinter printer;

  /** A file whose first line names the columns. */
  public Csv(List<String> columns) {
    // Printing into a StringBuilder cannot fail; the IOException is the Appendable contract's.
    try {
      printer = CSVFormat.RFC4180.print(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    columns.forEach(this::text);
    row();
  }

  /** A text cell, escaped against formulas; null is an empty cell. */
  public Csv text(Object value) {
    return cell(value == null ? null : escaped(value.toString()));
  }

  /**
   * A number cell as the number itself ({@code 1.0}, {@code -0.12}, never {@code 1.0E-4}); null is an empty
   * cell.
   *
   * @throws IllegalArgumentException for NaN or an infinity, which no spreadsheet reads as a number
   */
  public Csv number(Number value) {
    if (value == null) {
      return cell(null);
    }
    if (value instanceof Double || value instanceof Float) {
      if (!Double.isFinite(value.doubleValue())) {
        throw new IllegalArgumentException("not a finite number: " + value);
      }
      // Float's own toString, so 1.1f is 1.1 and not the 1.100000023841858 of the widened double.
      String decimal = value.toString();
      return cell(decimal.indexOf('E') < 0 ? decimal : new BigDecimal(decimal).stripTrailingZeros().toPlainString());
    }
    return cell(value instanceof BigDecimal big ? big.toPlainString() : value.toString());
  }

  /** Ends the current line. */
  public Csv row() {
    try {
      printer.println();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** The file so far, from its byte-order mark to the end of the last line. */
  @Override
  public String toString() {
    return out.toString();
  }

  /** The text a spreadsheet shows as it is: with a single quote in front if it would start a formula. */
  static String escaped(String text) {
    return !text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
  }

  private Csv cell(String value) {
    try {
      printer.print(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** A CSV file's text and the encoding it was in. */
  public record Text(String text, String encoding) {}

  /**
   * The text of a CSV file as a spreadsheet saved it: UTF-8 (its byte-order mark dropped) if the bytes are
   * valid UTF-8, else GB18030, which Excel on a Chinese Windows writes for "CSV"; empty if they are neither.
   */
  public static Optional<Text> decode(byte[] bytes) {
    int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf
        ? 3 : 0;
    for (Charset charset : List.of(StandardCharsets.UTF_8, Charset.forName("GB18030"))) {
      try {
        String text = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(bytes, start, bytes.length - start)).toString();
        return Optional.of(new Text(text, charset.name()));
      } catch (CharacterCodingException notThisOne) {
        // the next one, then none
      }
    }
    return Optional.empty();
  }

  /** A cell as our own exports wrote it: the quote put before text a spreadsheet takes for a formula taken off. */
  public static String unescaped(String cell) {
    return cell.length() > 1 && cell.charAt(0) == '\'' && FORMULA_STARTS.indexOf(cell.charAt(1)) >= 0
        ? cell.substring(1) : cell;
  }

  /** A column's letters as spreadsheets name it: A..Z, AA.. (index 0 is A), for problems "at line 7, column C". */
  public static String columnLetter(int index) {
    StringBuilder letters = new StringBuilder();
    for (int i = index + 1; i > 0; i = (i - 1) / 26) {
      letters.insert(0, (char) ('A' + (i - 1) % 26));
    }
    return letters.toString();
  }
}
