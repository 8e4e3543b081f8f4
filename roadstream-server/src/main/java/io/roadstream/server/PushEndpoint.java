package io.roadstream.server;

import io.roadstream.core.config.RoadstreamConfig;
import io.roadstream.ingest.push.PushIngestService;

/**
 * What {@code POST /ingest/{readings|positions|reports}} needs: the service that puts pushed records on Kafka and
 * the settings (token, size limit). With an empty token the endpoint is off.
 */
public record PushEndpoint(PushIngestService service, RoadstreamConfig.Ingest.Push settings) {

  public boolean enabled() {
    return !settings.token().isEmpty();
  }
}
