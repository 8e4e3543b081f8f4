package io.roadstream.server.dispatch;

import io.roadstream.core.event.Alert;
import java.util.Locale;

/**
 * An alert as it goes to RabbitMQ: routing key {@code alert.<type>.<segmentId>} (e.g. {@code alert.issued.M1-E-06}),
 * so a queue can bind to {@code alert.issued.#} or to one segment's {@code alert.*.M1-E-06}; the body is the alert's
 * JSON exactly as on {@code roadstream.alerts}.
 *
 * @param messageId the same for a replayed record, so a consumer can drop a message it already has
 */
record AlertMessage(String routingKey, String messageId, long time, byte[] body) {

  static AlertMessage of(Alert alert, byte[] json) {
    // '.' separates the words of a routing key; a segment id must stay one word
    String segment = alert.segmentId().replace('.', '_');
    return new AlertMessage("alert." + alert.type().toLowerCase(Locale.ROOT) + "." + segment,
        alert.alertId() + "/" + alert.type() + "/" + alert.time(), alert.time(), json);
  }
}
