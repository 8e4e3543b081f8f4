package io.roadstream.ingest.http;

import io.roadstream.ingest.http.Unit.Quantity;

/**
 * One field of a roadstream event as a mapping fills it: its type, what it measures (which units it accepts) and
 * whether a record without it is rejected.
 */
record EventField(String name, Type type, Quantity quantity, boolean required) {

  enum Type { TEXT, TIME, INTEGER, NUMBER, BOOLEAN }

  static EventField text(String name, boolean required) {
    return new EventField(name, Type.TEXT, Quantity.NONE, required);
  }

  static EventField time(String name) {
    return new EventField(name, Type.TIME, Quantity.NONE, true);
  }

  static EventField integer(String name, Quantity quantity, boolean required) {
    return new EventField(name, Type.INTEGER, quantity, required);
  }

  static EventField number(String name, Quantity quantity, boolean required) {
    return new EventField(name, Type.NUMBER, quantity, required);
  }

  static EventField bool(String name) {
    return new EventField(name, Type.BOOLEAN, Quantity.NONE, false);
  }
}
