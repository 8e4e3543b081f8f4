package io.roadstream.server;

/**
 * Where the server gets the pipeline's current throughput; the application supplies it from Kafka offsets. Called
 * from request threads and a timer, so it must be thread-safe and quick.
 */
@FunctionalInterface
public interface PipelineStatusSource {

  PipelineStatus status();
}
