package io.roadstream.embedded;

import java.lang.reflect.Method;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lowers the Kafka broker's and clients' loggers to WARN when the slf4j binding is logback and the logging
 * configuration does not set a level for them itself: an in-process broker logs hundreds of INFO lines at start.
 * A {@code <logger name="kafka" level="INFO"/>} (or any level) in logback.xml wins, so asking for INFO still works.
 * With any other binding nothing is changed; configure the {@link #LOGGER_NAMES} there.
 */
public final class KafkaLogLevels {

  /**
   * Logger names under which the in-process brokers and the Kafka clients log; Moquette, the demo's MQTT broker,
   * logs every MQTT packet at INFO.
   */
  public static final List<String> LOGGER_NAMES =
      List.of("kafka", "org.apache.kafka", "state.change.logger", "kafka.request.logger", "io.moquette");

  private KafkaLogLevels() {
  }

  /** Sets each of {@link #LOGGER_NAMES} to WARN unless it already has an explicitly configured level. */
  public static void quietUnlessConfigured() {
    if (!"ch.qos.logback.classic.LoggerContext".equals(LoggerFactory.getILoggerFactory().getClass().getName())) {
      return;
    }
    try {
      for (String name : LOGGER_NAMES) {
        Logger logger = LoggerFactory.getLogger(name);
        Method getLevel = logger.getClass().getMethod("getLevel");
        if (getLevel.invoke(logger) == null) {
          Class<?> level = Class.forName("ch.qos.logback.classic.Level", true, logger.getClass().getClassLoader());
          logger.getClass().getMethod("setLevel", level).invoke(logger, level.getField("WARN").get(null));
        }
      }
    } catch (ReflectiveOperationException | LinkageError e) {
      LoggerFactory.getLogger(KafkaLogLevels.class).debug("could not adjust Kafka log levels", e);
    }
  }
}
