package org.gridpatrol.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.gridpatrol.store.PositionQueries.TrackPoint;
import org.gridpatrol.web.CityClock;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** A track as GPX and as CSV. */
class TrackExportTest {
  static final List<TrackPoint> POINTS = List.of(
      new TrackPoint(Instant.parse("2026-12-04T01:00:00Z"), 39.9385, 116.3965, 5f, 1.2f, 90f, 44f, 80f,
          "110101001001012", "100001"),
      new TrackPoint(Instant.parse("2026-12-04T01:00:10.550Z"), 0.00001, -0.12, null, null, null, null, null, null,
          "web-P0001"));

  static Document parse(String xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  static String child(Element parent, String namespace, String name) {
    NodeList found = parent.getElementsByTagNameNS(namespace, name);
    return found.getLength() == 0 ? null : found.item(0).getTextContent();
  }

  @Test
  void aTrackIsOneGpxSegmentOfItsFixesInOrder() throws Exception {
    Document gpx = parse(TrackExport.gpx("P0001 王<&\"伟\u0001", POINTS));
    Element root = gpx.getDocumentElement();
    assertEquals(TrackExport.GPX, root.getNamespaceURI());
    assertEquals("gpx", root.getLocalName());
    assertEquals("1.1", root.getAttribute("version"));
    assertEquals("GridPatrol", root.getAttribute("creator"));
    assertEquals(1, root.getElementsByTagNameNS(TrackExport.GPX, "trk").getLength());
    assertEquals(1, root.getElementsByTagNameNS(TrackExport.GPX, "trkseg").getLength());
    Element track = (Element) root.getElementsByTagNameNS(TrackExport.GPX, "trk").item(0);
    assertEquals("P0001 王<&\"伟\uFFFD", child(track, TrackExport.GPX, "name"), "escaped, and valid XML");

    NodeList points = root.getElementsByTagNameNS(TrackExport.GPX, "trkpt");
    assertEquals(2, points.getLength());
    Element first = (Element) points.item(0);
    assertEquals("39.9385", first.getAttribute("lat"));
    assertEquals("116.3965", first.getAttribute("lon"));
    assertEquals("44", child(first, TrackExport.GPX, "ele"));
    assertEquals("2026-12-04T01:00:00Z", child(first, TrackExport.GPX, "time"));
    assertEquals("1.2", child(first, TrackExport.EXTENSIONS, "speed"));
    assertEquals("90", child(first, TrackExport.EXTENSIONS, "course"));
    assertEquals("5", child(first, TrackExport.EXTENSIONS, "accuracy"));
    assertEquals("80", child(first, TrackExport.EXTENSIONS, "battery"));
    assertEquals("110101001001012", child(first, TrackExport.EXTENSIONS, "cell"));
    assertEquals("100001", child(first, TrackExport.EXTENSIONS, "device"));

    Element second = (Element) points.item(1);
    assertEquals("0.00001", second.getAttribute("lat"), "a decimal, not 1.0E-5");
    assertEquals("-0.12", second.getAttribute("lon"));
    assertEquals(null, child(second, TrackExport.GPX, "ele"), "no elevation when the device sent none");
    assertEquals("2026-12-04T01:00:10.550Z", child(second, TrackExport.GPX, "time"));
    assertEquals(null, child(second, TrackExport.EXTENSIONS, "speed"));
    assertEquals("web-P0001", child(second, TrackExport.EXTENSIONS, "device"));
  }

  @Test
  void aTrackAsCsvHasCityTimesAndNumbers() {
    CityClock time = new CityClock(Clock.systemUTC(), ZoneId.of("Asia/Shanghai"));
    String[] lines = TrackExport.csv(POINTS, time).split("\r\n");
    assertEquals("\uFEFFtime,lat,lon,accuracy,speed,heading,altitude,battery,cell,device", lines[0]);
    assertEquals("2026-12-04T09:00+08:00,39.9385,116.3965,5.0,1.2,90.0,44.0,80.0,110101001001012,100001", lines[1]);
    assertEquals("2026-12-04T09:00:10.550+08:00,0.00001,-0.12,,,,,,,web-P0001", lines[2],
        "a negative longitude stays a number");
  }

  @Test
  void theFileIsNamedAfterTheOfficerAndItsDays() {
    LocalDate day = LocalDate.parse("2026-12-04");
    assertEquals("track-P0001-2026-12-04.gpx", TrackExport.fileName("P0001", day, day, "gpx"));
    assertEquals("track-P0001-2026-12-01-2026-12-04.csv",
        TrackExport.fileName("P0001", LocalDate.parse("2026-12-01"), day, "csv"));
  }
}
