package io.roadstream.ingest.mqtt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.roadstream.core.event.DeadLetterReason;

/**
 * One record found in a payload before the codec validates it: a JSON object (from JSON, or built from a CSV line),
 * or something that is not even that.
 */
sealed interface PayloadItem {

  /** 1-based line (CSV) or array element (JSON); 0 when the payload is one record. */
  int position();

  /** The record's own bytes, for the dead letters. */
  byte[] raw();

  record Parsed(ObjectNode node, byte[] raw, int position) implements PayloadItem {}

  record Unreadable(byte[] raw, int position, DeadLetterReason code, String reason) implements PayloadItem {}
}
