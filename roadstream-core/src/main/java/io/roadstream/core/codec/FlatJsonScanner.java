package io.roadstream.core.codec;

import com.fasterxml.jackson.core.io.NumberInput;
import java.nio.charset.StandardCharsets;

/**
 * The fast path of reading a raw event: one pass over the bytes of a flat JSON object (names and string values in
 * plain ASCII, numbers, booleans, nulls) straight into a {@link FlatObject}, without a parser object, a tree or a
 * String per field name. Raw events are such objects; reading them was the job's largest single cost.
 *
 * <p>It answers only what it can answer exactly as Jackson would: anything else (not an object, a nested value, an
 * escape or a non-ASCII or control character in a string, a repeated name, an integer beyond 18 digits, a very long
 * number or string, malformed JSON, trailing tokens, a byte-order mark) gives null, and the caller reads the bytes with
 * Jackson, which also words the errors. {@code FlatJsonScannerTest} holds it to Jackson's tree on every kind of value.
 */
final class FlatJsonScanner {

  /** Longer numbers and strings are left to Jackson, whose read constraints they might break. */
  private static final int MAX_NUMBER_LENGTH = 64;
  // below Jackson's limits on names (50,000) and strings (20 M): beyond them it fails, in its words
  private static final int MAX_STRING_LENGTH = 50_000;

  /** Decimals with fewer digits than this are exact as a long: 10^18 < 2^63. */
  private static final int MAX_LONG_DIGITS = 18;
  private static final long MAX_EXACT_MANTISSA = 1L << 53;
  private static final double[] POWERS_OF_TEN = new double[23];

  static {
    double p = 1;
    for (int k = 0; k < POWERS_OF_TEN.length; k++) {
      POWERS_OF_TEN[k] = p; // 10^0 .. 10^22 are exact doubles
      p *= 10;
    }
  }

  private FlatJsonScanner() {}

  /** The object's fields, or null when this scanner does not decide (see the class comment). */
  static FlatObject scan(byte[] b) {
    int i = skipWhitespace(b, 0);
    if (i >= b.length || b[i] != '{') {
      return null;
    }
    FlatObject object = FlatObject.scanned(b);
    i = skipWhitespace(b, i + 1);
    if (i < b.length && b[i] == '}') {
      return end(b, i + 1, object);
    }
    while (true) {
      // a name
      if (i >= b.length || b[i] != '"') {
        return null;
      }
      int nameStart = i + 1;
      int nameEnd = plainStringEnd(b, nameStart);
      if (nameEnd < 0) {
        return null;
      }
      i = skipWhitespace(b, nameEnd + 1);
      if (i >= b.length || b[i] != ':') {
        return null;
      }
      i = skipWhitespace(b, i + 1);
      if (i >= b.length) {
        return null;
      }
      // its value
      i = value(b, i, nameStart, nameEnd - nameStart, object);
      if (i < 0) {
        return null;
      }
      i = skipWhitespace(b, i);
      if (i >= b.length) {
        return null;
      }
      if (b[i] == '}') {
        return end(b, i + 1, object);
      }
      if (b[i] != ',') {
        return null;
      }
      i = skipWhitespace(b, i + 1);
    }
  }

  /** Reads the value at {@code i} into a new field; returns the index after it, or -1 to leave the object. */
  private static int value(byte[] b, int i, int nameStart, int nameLength, FlatObject object) {
    byte c = b[i];
    if (c == '"') {
      int end = plainStringEnd(b, i + 1);
      int field = end < 0 ? -1 : object.add(nameStart, nameLength, FlatObject.TEXT);
      if (field < 0) {
        return -1;
      }
      object.setText(field, new String(b, i + 1, end - i - 1, StandardCharsets.ISO_8859_1));
      return end + 1;
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      return number(b, i, nameStart, nameLength, object);
    }
    if (literal(b, i, "true") || literal(b, i, "false")) {
      int field = object.add(nameStart, nameLength, FlatObject.BOOLEAN);
      if (field < 0) {
        return -1;
      }
      boolean value = c == 't';
      object.setBoolean(field, value);
      return i + (value ? 4 : 5);
    }
    if (literal(b, i, "null")) {
      return object.add(nameStart, nameLength, FlatObject.NULL) < 0 ? -1 : i + 4;
    }
    return -1; // a nested value, or not JSON
  }

  /**
   * A JSON number: {@code -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?}. An integer is read as a long; a decimal
   * whose digits fit 53 bits and that has at most 22 after the point is one exactly rounded division (both operands
   * are exact doubles); anything else goes through Jackson's own parser, rounding exactly as it does.
   */
  private static int number(byte[] b, int start, int nameStart, int nameLength, FlatObject object) {
    int i = start;
    boolean negative = b[i] == '-';
    if (negative) {
      i++;
    }
    int intStart = i;
    long mantissa = 0;
    int digits = 0;
    while (i < b.length && b[i] >= '0' && b[i] <= '9') {
      mantissa = mantissa * 10 + (b[i] - '0');
      digits++;
      i++;
    }
    if (digits == 0 || (b[intStart] == '0' && digits > 1)) {
      return -1; // no digits, or a leading zero: not JSON
    }
    int fractionDigits = 0;
    if (i < b.length && b[i] == '.') {
      i++;
      while (i < b.length && b[i] >= '0' && b[i] <= '9') {
        mantissa = mantissa * 10 + (b[i] - '0');
        fractionDigits++;
        i++;
      }
      if (fractionDigits == 0) {
        return -1;
      }
    }
    boolean exponent = false;
    if (i < b.length && (b[i] == 'e' || b[i] == 'E')) {
      exponent = true;
      i++;
      if (i < b.length && (b[i] == '+' || b[i] == '-')) {
        i++;
      }
      int expStart = i;
      while (i < b.length && b[i] >= '0' && b[i] <= '9') {
        i++;
      }
      if (i == expStart) {
        return -1;
      }
    }
    if (i - start > MAX_NUMBER_LENGTH || (i < b.length && !endsValue(b[i]))) {
      return -1;
    }
    int allDigits = digits + fractionDigits;
    if (fractionDigits == 0 && !exponent) {
      if (allDigits > MAX_LONG_DIGITS) {
        return -1; // Jackson tells a long from a BigInteger
      }
      int field = object.add(nameStart, nameLength, FlatObject.INTEGER);
      if (field >= 0) {
        object.setInteger(field, negative ? -mantissa : mantissa);
      }
      return field < 0 ? -1 : i;
    }
    int field = object.add(nameStart, nameLength, FlatObject.FLOAT);
    if (field < 0) {
      return -1;
    }
    double value;
    if (!exponent && allDigits <= MAX_LONG_DIGITS && mantissa <= MAX_EXACT_MANTISSA
        && fractionDigits < POWERS_OF_TEN.length) {
      value = mantissa / POWERS_OF_TEN[fractionDigits];
      value = negative ? -value : value;
    } else {
      value = parseDouble(b, start, i - start);
    }
    object.setDouble(field, value);
    return i;
  }

  /**
   * Jackson's own fast, exactly rounding parser (the one {@code USE_FAST_DOUBLE_PARSER} turns on): the JDK's
   * {@code Double.parseDouble} rounds the same but takes several times as long on the 16 and 17 digit decimals that
   * {@code Double.toString} and Jackson write.
   */
  private static double parseDouble(byte[] b, int start, int length) {
    char[] chars = new char[length];
    for (int k = 0; k < length; k++) {
      chars[k] = (char) b[start + k]; // a JSON number is ASCII
    }
    return NumberInput.parseDouble(chars, 0, length, true);
  }

  /**
   * The index of the closing quote of a string starting at {@code i} that holds only printable ASCII without
   * escapes, or -1.
   */
  private static int plainStringEnd(byte[] b, int i) {
    int limit = Math.min(b.length, i + MAX_STRING_LENGTH);
    for (int k = i; k < limit; k++) {
      byte c = b[k];
      if (c == '"') {
        return k;
      }
      // an escape, a control character, or (negative as a byte) the start of a multi-byte UTF-8 character
      if (c == '\\' || c < 0x20) {
        return -1;
      }
    }
    return -1;
  }

  private static boolean literal(byte[] b, int i, String word) {
    int end = i + word.length();
    if (end > b.length) {
      return false;
    }
    for (int k = 0; k < word.length(); k++) {
      if (b[i + k] != word.charAt(k)) {
        return false;
      }
    }
    return end == b.length || endsValue(b[end]);
  }

  private static boolean endsValue(byte c) {
    return c == ',' || c == '}' || isWhitespace(c);
  }

  private static FlatObject end(byte[] b, int i, FlatObject object) {
    // "{...} garbage" is not a record: Jackson fails on trailing tokens, and says so
    return skipWhitespace(b, i) == b.length ? object : null;
  }

  private static int skipWhitespace(byte[] b, int i) {
    while (i < b.length && isWhitespace(b[i])) {
      i++;
    }
    return i;
  }

  private static boolean isWhitespace(byte c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
  }
}
