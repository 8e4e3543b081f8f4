package io.roadstream.core.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * A JSON object's top-level fields with their scalar values already read out: what {@link EventCodec}'s validation
 * looks at. It is filled either by {@link FlatJsonScanner} straight from a raw event's bytes (field names stay
 * positions in those bytes, so finding a field allocates nothing) or from Jackson's tree ({@link #of(JsonNode)}), for
 * everything the scanner leaves alone. Both give the same table for the same JSON; {@link #node(int)} gives a
 * value as Jackson's tree holds it, for error messages and nested values.
 */
final class FlatObject {

  static final byte NULL = 0;
  static final byte TEXT = 1;
  /** An integral number; {@link #fitsLong} tells whether {@link #longValue} holds it. */
  static final byte INTEGER = 2;
  /** A number with a fraction or an exponent. */
  static final byte FLOAT = 3;
  static final byte BOOLEAN = 4;
  /** An array or an object: only {@link #node} has it. */
  static final byte NESTED = 5;

  private static final int INITIAL_FIELDS = 16;

  /** The scanned bytes the names point into; null when filled from a tree. */
  private final byte[] source;
  private int size;
  private int[] nameStart = new int[INITIAL_FIELDS];
  private int[] nameLength = new int[INITIAL_FIELDS];
  private String[] names;
  private byte[] kinds = new byte[INITIAL_FIELDS];
  private String[] texts = new String[INITIAL_FIELDS];
  private long[] longs = new long[INITIAL_FIELDS];
  private double[] doubles = new double[INITIAL_FIELDS];
  private boolean[] flags = new boolean[INITIAL_FIELDS];
  private JsonNode[] nodes;

  private FlatObject(byte[] source) {
    this.source = source;
    if (source == null) {
      names = new String[INITIAL_FIELDS];
      nodes = new JsonNode[INITIAL_FIELDS];
    }
  }

  /** An empty table whose field names {@link #add(int, int, byte)} takes as positions in {@code source}. */
  static FlatObject scanned(byte[] source) {
    return new FlatObject(source);
  }

  /** The fields of Jackson's tree; a value that is not an object has none (as Jackson's {@code get} finds none). */
  static FlatObject of(JsonNode node) {
    FlatObject object = new FlatObject(null);
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      JsonNode v = field.getValue();
      int i = object.size;
      if (v.isNull()) {
        object.add(i, NULL);
      } else if (v.isTextual()) {
        object.add(i, TEXT).texts[i] = v.asText();
      } else if (v.isIntegralNumber()) {
        object.add(i, INTEGER);
        object.flags[i] = v.canConvertToLong();
        object.longs[i] = v.asLong();
        object.doubles[i] = v.asDouble();
      } else if (v.isNumber()) {
        object.add(i, FLOAT).doubles[i] = v.asDouble();
      } else if (v.isBoolean()) {
        object.add(i, BOOLEAN).flags[i] = v.asBoolean();
      } else {
        object.add(i, NESTED);
      }
      object.names[i] = field.getKey();
      object.nodes[i] = v;
    }
    return object;
  }

  // ------------------------------------------------------------------ filling (the scanner)

  /** Adds a field named by {@code source[start, start + length)}; returns its index, or -1 if the name repeats. */
  int add(int start, int length, byte kind) {
    if (indexOf(start, length) >= 0) {
      return -1;
    }
    int i = size;
    add(i, kind);
    nameStart[i] = start;
    nameLength[i] = length;
    return i;
  }

  void setText(int i, String text) {
    texts[i] = text;
  }

  void setInteger(int i, long value) {
    flags[i] = true;
    longs[i] = value;
    doubles[i] = value;
  }

  void setDouble(int i, double value) {
    doubles[i] = value;
  }

  void setBoolean(int i, boolean value) {
    flags[i] = value;
  }

  private FlatObject add(int i, byte kind) {
    if (i == kinds.length) {
      grow();
    }
    kinds[i] = kind;
    size = i + 1;
    return this;
  }

  private void grow() {
    int n = kinds.length * 2;
    nameStart = Arrays.copyOf(nameStart, n);
    nameLength = Arrays.copyOf(nameLength, n);
    kinds = Arrays.copyOf(kinds, n);
    texts = Arrays.copyOf(texts, n);
    longs = Arrays.copyOf(longs, n);
    doubles = Arrays.copyOf(doubles, n);
    flags = Arrays.copyOf(flags, n);
    if (names != null) {
      names = Arrays.copyOf(names, n);
      nodes = Arrays.copyOf(nodes, n);
    }
  }

  // ------------------------------------------------------------------ reading

  int size() {
    return size;
  }

  /** The field's index, or -1 when the object has no such field. */
  int indexOf(String field) {
    for (int i = 0; i < size; i++) {
      if (source == null ? names[i].equals(field) : sameName(i, field)) {
        return i;
      }
    }
    return -1;
  }

  private boolean sameName(int i, String field) {
    int length = nameLength[i];
    if (length != field.length()) {
      return false;
    }
    int start = nameStart[i];
    for (int k = 0; k < length; k++) {
      // the scanner takes only ASCII names, so a byte is its char
      if (source[start + k] != field.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private int indexOf(int start, int length) {
    outer:
    for (int i = 0; i < size; i++) {
      if (nameLength[i] != length) {
        continue;
      }
      for (int k = 0; k < length; k++) {
        if (source[nameStart[i] + k] != source[start + k]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  String name(int i) {
    return source == null ? names[i] : new String(source, nameStart[i], nameLength[i], StandardCharsets.ISO_8859_1);
  }

  byte kind(int i) {
    return kinds[i];
  }

  String text(int i) {
    return texts[i];
  }

  /** For an {@link #INTEGER}: whether it is within a long (Jackson's {@code canConvertToLong}). */
  boolean fitsLong(int i) {
    return flags[i];
  }

  /** For an {@link #INTEGER}: whether it is within an int (Jackson's {@code canConvertToInt}). */
  boolean fitsInt(int i) {
    return flags[i] && longs[i] >= Integer.MIN_VALUE && longs[i] <= Integer.MAX_VALUE;
  }

  long longValue(int i) {
    return longs[i];
  }

  /** For an {@link #INTEGER} or a {@link #FLOAT}: its value as a double (Jackson's {@code asDouble}). */
  double doubleValue(int i) {
    return doubles[i];
  }

  boolean booleanValue(int i) {
    return flags[i];
  }

  /** The value as Jackson's tree holds it: for nested values, and to show a wrong value as it was written. */
  JsonNode node(int i) {
    if (source == null) {
      return nodes[i];
    }
    switch (kinds[i]) {
      case TEXT:
        return TextNode.valueOf(texts[i]);
      case INTEGER:
        return fitsInt(i) ? IntNode.valueOf((int) longs[i]) : LongNode.valueOf(longs[i]);
      case FLOAT:
        return DoubleNode.valueOf(doubles[i]);
      case BOOLEAN:
        return BooleanNode.valueOf(flags[i]);
      default:
        return NullNode.getInstance();
    }
  }
}
