package io.roadstream.app.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The parts of a Flink JobManager's REST API (the one {@code flink} and its web UI use) that roadstream's commands
 * need: which jobs run, and savepoints. Errors say what the JobManager answered.
 */
public final class FlinkRestClient {

  /** A job as the JobManager lists it. */
  public record Job(String id, String name, String state) {}

  /** A savepoint operation: {@code IN_PROGRESS}, or completed with a location or a failure. */
  public record SavepointStatus(boolean completed, String location, String failure) {}

  private final String base;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = new ObjectMapper();

  /** @param base the REST endpoint, e.g. {@code http://jobmanager:8081} */
  public FlinkRestClient(String base) {
    URI uri = URI.create(base);
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new IllegalArgumentException("--flink must be the JobManager's REST address, e.g. http://jobmanager:8081,"
          + " not '" + base + "'");
    }
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  /** Every job the JobManager knows, running or not. */
  public List<Job> jobs() throws IOException, InterruptedException {
    List<Job> jobs = new ArrayList<>();
    for (JsonNode job : send("GET", "/jobs/overview", null).path("jobs")) {
      jobs.add(new Job(job.path("jid").asText(), job.path("name").asText(), job.path("state").asText()));
    }
    return jobs;
  }

  /** The state of one job ({@code RUNNING}, {@code FINISHED}, …). */
  public String state(String jobId) throws IOException, InterruptedException {
    return send("GET", "/jobs/" + jobId, null).path("state").asText();
  }

  /**
   * How many of the job's tasks (subtasks of every vertex) are in each state that is neither {@code RUNNING} nor
   * {@code FINISHED}: {@code DEPLOYING}, {@code INITIALIZING} (restoring state), {@code CANCELING} after a failure…
   * Empty when every task runs or has finished, the only time a checkpoint or savepoint can be taken: a job reports
   * {@code RUNNING} as soon as it is scheduled, while its tasks may still be starting.
   */
  public Map<String, Integer> tasksNotRunning(String jobId) throws IOException, InterruptedException {
    Map<String, Integer> counts = new TreeMap<>();
    for (JsonNode vertex : send("GET", "/jobs/" + jobId, null).path("vertices")) {
      vertex.path("tasks").fields().forEachRemaining(state -> {
        if (!state.getKey().equals("RUNNING") && !state.getKey().equals("FINISHED") && state.getValue().asInt() > 0) {
          counts.merge(state.getKey(), state.getValue().asInt(), Integer::sum);
        }
      });
    }
    return counts;
  }

  /**
   * Starts a savepoint of {@code jobId} in canonical format (restorable by another Flink version and state backend);
   * with {@code stop}, the job stops once it is taken. Returns the operation's id for {@link #savepointStatus}.
   *
   * @param targetDirectory where to write it; empty = the cluster's {@code execution.checkpointing.savepoint-dir}
   */
  public String triggerSavepoint(String jobId, Optional<String> targetDirectory, boolean stop)
      throws IOException, InterruptedException {
    ObjectNode body = json.createObjectNode();
    body.put("formatType", "CANONICAL");
    if (stop) {
      targetDirectory.ifPresent(dir -> body.put("targetDirectory", dir));
      body.put("drain", false);
    } else {
      targetDirectory.ifPresent(dir -> body.put("target-directory", dir));
      body.put("cancel-job", false);
    }
    JsonNode answer = send("POST", "/jobs/" + jobId + (stop ? "/stop" : "/savepoints"), body);
    String requestId = answer.path("request-id").asText();
    if (requestId.isEmpty()) {
      throw new IOException("the JobManager accepted the savepoint but gave no request id: " + answer);
    }
    return requestId;
  }

  public SavepointStatus savepointStatus(String jobId, String requestId) throws IOException, InterruptedException {
    JsonNode answer = send("GET", "/jobs/" + jobId + "/savepoints/" + requestId, null);
    if (!"COMPLETED".equals(answer.path("status").path("id").asText())) {
      return new SavepointStatus(false, null, null);
    }
    JsonNode operation = answer.path("operation");
    JsonNode failure = operation.path("failure-cause");
    if (!failure.isMissingNode() && !failure.isNull()) {
      String cause = failure.path("stack-trace").asText(failure.toString());
      // the first line says why; the rest of Flink's stack trace is for its log
      return new SavepointStatus(true, null, cause.lines().findFirst().orElse(cause));
    }
    return new SavepointStatus(true, operation.path("location").asText(), null);
  }

  /** Any GET of the REST API (metrics, checkpoints), as JSON; {@code path} starts with '/'. */
  public JsonNode get(String path) throws IOException, InterruptedException {
    return send("GET", path, null);
  }

  private JsonNode send(String method, String path, JsonNode body) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
        .header("Accept", "application/json");
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new IOException("no Flink JobManager answers at " + base + " (is it running? is that its rest.port?)", e);
    }
    if (response.statusCode() / 100 != 2) {
      JsonNode errors = readOrNull(response.body());
      String reason = errors == null ? response.body() : errors.path("errors").toString();
      throw new IOException("the JobManager answered " + response.statusCode() + " to " + method + " " + path + ": "
          + reason);
    }
    return json.readTree(response.body());
  }

  private JsonNode readOrNull(String body) {
    try {
      return json.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }
}
