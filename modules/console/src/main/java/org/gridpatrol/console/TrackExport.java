package org.gridpatrol.console;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.gridpatrol.store.PositionQueries.TrackPoint;
import org.gridpatrol.web.CityClock;
import org.gridpatrol.web.Csv;

/**
 * An officer's track as files for other programs: GPX 1.1 for maps and GPS tools (one track, one segment, the
 * fixes in time order), CSV for spreadsheets.
 */
final class TrackExport {
  static final String GPX_TYPE = "application/gpx+xml";
  static final String GPX = "http://www.topografix.com/GPX/1/1";
  /**
   * GPX has no place for speed, course, accuracy, battery, cell or device; a GPX 1.1 file carries such things
   * as extensions in a namespace of their own, which programs that do not know it skip.
   */
  static final String EXTENSIONS = "urn:gridpatrol:gpx:1";
  /** Characters XML 1.0 cannot hold at all, escaped or not. */
  private static final String NOT_XML = "[^\\x09\\x0A\\x0D\\x20-\\x{D7FF}\\x{E000}-\\x{FFFD}\\x{10000}-\\x{10FFFF}]";
  private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

  private TrackExport() {}

  /**
   * The track as a GPX 1.1 document named {@code name}: each fix with its elevation when known and its time
   * in UTC; speed (m/s), course (degrees), accuracy (m), battery (%), cell and device as extensions.
   */
  static String gpx(String name, List<TrackPoint> points) {
    StringWriter out = new StringWriter();
    try {
      XMLStreamWriter xml = XML.createXMLStreamWriter(out);
      xml.writeStartDocument("UTF-8", "1.0");
      xml.setDefaultNamespace(GPX);
      xml.setPrefix("gp", EXTENSIONS);
      xml.writeStartElement(GPX, "gpx");
      xml.writeDefaultNamespace(GPX);
      xml.writeNamespace("gp", EXTENSIONS);
      xml.writeAttribute("version", "1.1");
      xml.writeAttribute("creator", "GridPatrol");
      xml.writeStartElement(GPX, "trk");
      element(xml, GPX, "name", name);
      xml.writeStartElement(GPX, "trkseg");
      for (TrackPoint point : points) {
        xml.writeStartElement(GPX, "trkpt");
        xml.writeAttribute("lat", decimal(point.lat()));
        xml.writeAttribute("lon", decimal(point.lon()));
        if (point.altitude() != null) {
          element(xml, GPX, "ele", decimal(point.altitude()));
        }
        element(xml, GPX, "time", point.fixTime().toString());
        xml.writeStartElement(GPX, "extensions");
        element(xml, EXTENSIONS, "speed", decimal(point.speed()));
        element(xml, EXTENSIONS, "course", decimal(point.heading()));
        element(xml, EXTENSIONS, "accuracy", decimal(point.accuracy()));
        element(xml, EXTENSIONS, "battery", decimal(point.battery()));
        element(xml, EXTENSIONS, "cell", point.cellCode());
        element(xml, EXTENSIONS, "device", point.deviceUniqueId());
        xml.writeEndElement();
        xml.writeEndElement();
      }
      xml.writeEndDocument();
      xml.close();
    } catch (XMLStreamException e) {
      // Writing into a StringWriter fails only if this code writes the elements out of order.
      throw new IllegalStateException("the GPX document could not be written", e);
    }
    return out.toString();
  }

  /** The track as CSV: times in the city's zone as the JSON gives them, measurements as numbers. */
  static String csv(List<TrackPoint> points, CityClock time) {
    Csv csv = new Csv(List.of("time", "lat", "lon", "accuracy", "speed", "heading", "altitude", "battery", "cell",
        "device"));
    for (TrackPoint point : points) {
      csv.text(time.local(point.fixTime())).number(point.lat()).number(point.lon()).number(point.accuracy())
          .number(point.speed()).number(point.heading()).number(point.altitude()).number(point.battery())
          .text(point.cellCode()).text(point.deviceUniqueId()).row();
    }
    return csv.toString();
  }

  /** {@code track-P0001-2026-12-04.gpx} for a day, {@code track-P0001-2026-12-01-2026-12-07.csv} for more. */
  static String fileName(String officer, LocalDate first, LocalDate last, String extension) {
    return "track-" + officer + "-" + first + (last.equals(first) ? "" : "-" + last) + "." + extension;
  }

  /** An element with text, left out when there is none. */
  private static void element(XMLStreamWriter xml, String namespace, String name, String text)
      throws XMLStreamException {
    if (text != null) {
      xml.writeStartElement(namespace, name);
      xml.writeCharacters(text.replaceAll(NOT_XML, "\uFFFD"));
      xml.writeEndElement();
    }
  }

  /** As xsd:decimal wants it: 39.9385, 0.00001, never 1.0E-5; null for none. */
  private static String decimal(Number value) {
    return value == null ? null : new BigDecimal(value.toString()).stripTrailingZeros().toPlainString();
  }
}
