package io.roadstream.ingest.mqtt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.roadstream.core.event.DeadLetterReason;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a CSV payload (UTF-8, one record a line, {@code \n} or {@code \r\n}) into JSON objects by a fixed column
 * list. Cells may be quoted ({@code "a, b"}, {@code ""} for a quote); an empty cell is an absent field; blank lines
 * are skipped; with a header, the first non-blank line of each payload is. A line with the wrong number of cells, or
 * a payload that is not UTF-8, is unreadable.
 */
final class CsvPayloadReader {

  private final ObjectMapper mapper;
  private final List<String> columns;
  private final Map<String, CsvFields.Type> fields;
  private final boolean header;
  private final char separator;

  CsvPayloadReader(ObjectMapper mapper, MqttSettings.Csv csv, Map<String, CsvFields.Type> fields) {
    this.mapper = mapper;
    this.columns = csv.columns();
    this.fields = fields;
    this.header = csv.header();
    this.separator = csv.separator().charAt(0);
  }

  List<PayloadItem> read(byte[] payload) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(payload)).toString();
    } catch (CharacterCodingException e) {
      return List.of(new PayloadItem.Unreadable(payload, 0, DeadLetterReason.MALFORMED, "not UTF-8 text"));
    }
    String[] lines = text.split("\r?\n", -1);
    List<PayloadItem> items = new ArrayList<>();
    boolean headerPending = header;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank()) {
        continue;
      }
      if (headerPending) {
        headerPending = false;
        continue;
      }
      items.add(row(line, i + 1));
    }
    return items;
  }

  private PayloadItem row(String line, int lineNumber) {
    byte[] raw = line.getBytes(StandardCharsets.UTF_8);
    List<String> cells = split(line);
    if (cells == null) {
      return new PayloadItem.Unreadable(raw, lineNumber, DeadLetterReason.MALFORMED, "a quoted value is not closed");
    }
    if (cells.size() != columns.size()) {
      return new PayloadItem.Unreadable(raw, lineNumber, DeadLetterReason.MALFORMED, cells.size() + " values for "
          + columns.size() + " columns (" + String.join(", ", columns) + ")");
    }
    ObjectNode node = mapper.createObjectNode();
    for (int c = 0; c < columns.size(); c++) {
      String column = columns.get(c);
      String cell = cells.get(c).strip();
      if (!CsvFields.SKIP.equals(column) && !cell.isEmpty()) {
        node.set(column, CsvFields.value(fields.get(column), cell));
      }
    }
    return new PayloadItem.Parsed(node, raw, lineNumber);
  }

  /** The cells of one line, or null when a quote is left open. */
  private List<String> split(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          cell.append(ch);
        }
      } else if (ch == '"' && cell.toString().isBlank()) {
        quoted = true;
        cell.setLength(0);
      } else if (ch == separator) {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(ch);
      }
    }
    if (quoted) {
      return null;
    }
    cells.add(cell.toString());
    return cells;
  }
}
