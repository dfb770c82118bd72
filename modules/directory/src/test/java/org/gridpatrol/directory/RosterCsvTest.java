package org.gridpatrol.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.gridpatrol.directory.RosterCsv.Problem;
import org.gridpatrol.directory.RosterCsv.Roster;
import org.gridpatrol.domain.directory.OfficerStatus;
import org.gridpatrol.web.Csv;
import org.junit.jupiter.api.Test;

class RosterCsvTest {
  private static final String CHINESE = """
      工号,姓名,手机,队伍编码,队伍名称,队伍区域,负责区域,状态,备注
      P0001,王伟,13800138000,T110101001,东华门街道巡查队,110101001,110101001001,在岗,
      P0002,李娜,,T110101001,,,110101001002；110101001003001,休假,夜班
      """;

  @Test
  void excelsChineseCsvInGb18030IsReadLikeUtf8WithAByteOrderMark() {
    Roster gb = RosterCsv.parse(CHINESE.getBytes(Charset.forName("GB18030")));
    byte[] utf8 = CHINESE.getBytes(StandardCharsets.UTF_8);
    byte[] withBom = new byte[utf8.length + 3];
    withBom[0] = (byte) 0xef;
    withBom[1] = (byte) 0xbb;
    withBom[2] = (byte) 0xbf;
    System.arraycopy(utf8, 0, withBom, 3, utf8.length);
    Roster bom = RosterCsv.parse(withBom);
    assertEquals("GB18030", gb.encoding());
    assertEquals("UTF-8", bom.encoding());
    for (Roster roster : List.of(gb, bom)) {
      assertEquals(List.of(), roster.problems());
      assertEquals(2, roster.rows());
      assertEquals(List.of("备注"), roster.ignoredColumns());
      assertEquals("东华门街道巡查队", roster.teams().get(0).name());
      assertEquals(1, roster.teams().size(), "the second row names the team by its code only");
      assertEquals(List.of("110101001002", "110101001003001"), roster.officers().get(1).areas());
      assertEquals(OfficerStatus.ON_LEAVE, roster.officers().get(1).status());
      assertEquals(null, roster.officers().get(1).phone());
    }
  }

  @Test
  void everyProblemIsReportedByLineAndColumnAndNothingBadIsKept() {
    String csv = """
        officer_code,officer_name,phone,team_code,team_name,team_area,areas,status
        P0001,王伟,call me,T1,队,110101001,110101001001,on_duty
        P0002,,13800138000,T1,另一个名字,110101001,1101,asleep
        P0001,王伟,,,,,,
        """;
    Roster roster = RosterCsv.parse(csv.getBytes(StandardCharsets.UTF_8));
    List<String> where = roster.problems().stream().map(p -> p.line() + p.column() + ":" + p.rule()).toList();
    assertEquals(List.of("2C:phone", "3E:conflict", "3B:required", "3G:area_code", "3H:one_of", "4A:duplicate"), where);
    assertTrue(roster.problems().get(0).message().startsWith("phone must be"), roster.problems().get(0).message());
    assertEquals("officer_name", roster.problems().get(2).field());
    assertEquals(List.of(), roster.officers(), "no row without a problem here");
  }

  @Test
  void ourOwnExportsFormulaQuoteIsTakenOffAgain() {
    Roster roster = RosterCsv.parse("工号,姓名,手机\nP1,王伟,'+86 138 0013 8000\n".getBytes(StandardCharsets.UTF_8));
    assertEquals("+86 138 0013 8000", roster.officers().get(0).phone());
  }

  @Test
  void aFileWithoutTheRequiredColumnsOrInAnotherEncodingSaysSo() {
    Problem missing = RosterCsv.parse("name,phone\nx,1\n".getBytes(StandardCharsets.UTF_8)).problems().get(0);
    assertEquals("officer_code", missing.field());
    assertEquals(1, missing.line());
    Problem binary = RosterCsv.parse(new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0x80, (byte) 0x81, 0x00})
        .problems().get(0);
    assertEquals("encoding", binary.rule());
  }

  @Test
  void columnsAreLetteredAsSpreadsheetsDo() {
    assertEquals(List.of("A", "Z", "AA", "AZ", "BA"), List.of(Csv.columnLetter(0), Csv.columnLetter(25),
        Csv.columnLetter(26), Csv.columnLetter(51), Csv.columnLetter(52)));
  }
}
