package io.roadstream.ingest.http;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One HTTP API poller as configured: one entry of {@code ingest.sources} with {@code type: http-poll}, deserialized
 * by Jackson (unknown keys are errors; read it with {@link HttpPollSettingsReader}). Absent keys take the defaults
 * below; {@link #problems} checks the values. See docs/connectors/http-poll.md.
 *
 * @param name            unique among the sources: the dead letters' source, the state file's name
 * @param url             the first page's URL, absolute http(s), possibly with a query
 * @param intervalSeconds from the start of one poll to the start of the next (default 60)
 * @param timeoutMs       per request, connect and response (default 10 000)
 * @param headers         sent with every request (API keys go here); their values are never logged
 * @param query           added to the URL's query; their values are never logged either, for keys sent as
 *                        {@code ?key=…}
 * @param emits           readings, positions or reports; optional, must match the mapping's when given
 * @param mapping         an inline mapping; give it or {@code mappingName}
 * @param mappingName     a bundled mapping ({@link MappingLibrary#BUNDLED}) or a mapping file's path
 * @param vars            values the mapping's templates refer to as {@code {$name}} (a sensor id for TomTom)
 * @param dedupKey        template of a record's identity ({@code {/id}@{/data_as_of}}) for de-duplication
 * @param maxPagesPerPoll a poll stops after this many pages (default 100), a guard against endless pagination
 */
public record HttpPollSettings(
    String type,
    String name,
    String url,
    Integer intervalSeconds,
    Integer timeoutMs,
    Map<String, String> headers,
    Map<String, String> query,
    String emits,
    MappingSpec mapping,
    String mappingName,
    Map<String, String> vars,
    Pagination pagination,
    Incremental incremental,
    String dedupKey,
    Integer maxPagesPerPoll,
    Retry retry) {

  public static final String TYPE = "http-poll";

  public HttpPollSettings {
    type = type == null ? TYPE : type;
    intervalSeconds = intervalSeconds == null ? 60 : intervalSeconds;
    timeoutMs = timeoutMs == null ? 10_000 : timeoutMs;
    headers = headers == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    query = query == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(query));
    vars = vars == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(vars));
    pagination = pagination == null ? Pagination.NONE : pagination;
    maxPagesPerPoll = maxPagesPerPoll == null ? 100 : maxPagesPerPoll;
    retry = retry == null ? Retry.DEFAULT : retry;
  }

  /**
   * How the poller gets from one page to the next.
   *
   * @param type        {@code none}, {@code next-link} (a URL in the page or its Link header), {@code cursor} (a
   *                    token in the page sent back as a query parameter) or {@code offset} (limit and offset
   *                    parameters, as Socrata's {@code $limit}/{@code $offset})
   * @param nextLink    next-link: a JSON Pointer to the next page's URL (absolute or relative), or {@code header}
   *                    for the {@code Link: <…>; rel="next"} header
   * @param cursor      cursor: a JSON Pointer to the next page's cursor; absent, null or empty = last page
   * @param cursorParam cursor: the query parameter that carries it
   * @param limitParam  offset: the query parameter of the page size
   * @param offsetParam offset: the query parameter of the number of records to skip
   * @param pageSize    offset: records per page; a page with fewer is the last
   */
  public record Pagination(String type, String nextLink, String cursor, String cursorParam, String limitParam,
      String offsetParam, Integer pageSize) {

    public static final Pagination NONE = new Pagination("none", null, null, null, null, null, null);
    static final String HEADER = "header";

    public Pagination {
      type = type == null ? "none" : type;
    }
  }

  /**
   * Incremental sync: each poll asks only for records from the high-water mark on, and the mark is saved once
   * they are in Kafka. The API must return records in ascending order of {@code field}.
   *
   * @param param  the query parameter that carries the mark, e.g. {@code since} or Socrata's {@code $where}
   * @param field  JSON Pointer, in each record, to its time or sequence number: a number, or a text that sorts
   *               like the time it is (one fixed ISO-8601 format)
   * @param format the parameter's value, with {@code {mark}} where the mark goes (default {@code {mark}}); say
   *               "at or after" (>=): the poller drops the records at the mark that it already has
   * @param start  the mark before the first poll; absent = the first poll sends no parameter and takes all
   */
  public record Incremental(String param, String field, String format, String start) {
    public Incremental {
      format = format == null ? "{mark}" : format;
    }
  }

  /** Attempts per request: 5xx answers, timeouts, 429s and connection failures are retried with backoff. */
  public record Retry(Integer maxAttempts, Long initialBackoffMs, Long maxBackoffMs, Double multiplier) {
    public static final Retry DEFAULT = new Retry(5, 1_000L, 60_000L, 2.0);

    public Retry {
      maxAttempts = maxAttempts == null ? 5 : maxAttempts;
      initialBackoffMs = initialBackoffMs == null ? 1_000L : initialBackoffMs;
      maxBackoffMs = maxBackoffMs == null ? 60_000L : maxBackoffMs;
      multiplier = multiplier == null ? 2.0 : multiplier;
    }
  }

  /** Problems with the values, each naming its key under {@code path} (e.g. {@code ingest.sources[1]}). */
  public List<String> problems(String path) {
    List<String> problems = new ArrayList<>();
    require(problems, TYPE.equals(type), path + ".type", "must be " + TYPE + ", got '" + type + "'");
    // the name is also the state file's name: no path separators, nothing hidden
    require(problems, name != null && name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}"), path + ".name",
        "must be 1..100 letters, digits, '.', '_' or '-', starting with a letter or digit");
    require(problems, isHttpUrl(url), path + ".url", "must be an absolute http(s) URL");
    require(problems, intervalSeconds >= 1, path + ".intervalSeconds", "must be at least 1");
    require(problems, timeoutMs >= 1, path + ".timeoutMs", "must be at least 1");
    headers.forEach((k, v) -> require(problems, k != null && k.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+") && v != null,
        path + ".headers." + k, "must be a header name with a value"));
    query.forEach((k, v) -> require(problems, k != null && !k.isBlank() && v != null, path + ".query." + k,
        "must be a parameter name with a value"));
    require(problems, emits == null || MappedEventKind.of(emits).isPresent(), path + ".emits",
        "must be one of " + MappedEventKind.keys());
    require(problems, (mapping == null) != (mappingName == null), path + ".mapping",
        "give either mapping (inline) or mappingName (one of " + MappingLibrary.BUNDLED + ", or a file)");
    if (mapping != null) {
      mappingProblems(mapping, path + ".mapping", problems);
    }
    paginationProblems(path + ".pagination", problems);
    if (incremental != null) {
      String key = path + ".incremental";
      require(problems, incremental.param() != null && !incremental.param().isBlank(), key + ".param",
          "must name the query parameter that carries the high-water mark");
      require(problems, incremental.field() != null && !incremental.field().isEmpty()
          && JsonPointers.isValid(incremental.field()), key + ".field",
          "must be a JSON Pointer to each record's time or sequence, e.g. /updated");
      require(problems, incremental.format().contains("{mark}"), key + ".format", "must contain {mark}");
      require(problems, incremental.param() == null || !query.containsKey(incremental.param()), key + ".param",
          "is also set in query; the poller sets it");
    }
    if (dedupKey != null) {
      try {
        Set<String> missing = new java.util.LinkedHashSet<>(Template.parse(dedupKey).variables());
        missing.removeAll(vars.keySet());
        require(problems, missing.isEmpty(), path + ".dedupKey", "refers to variables not in vars: " + missing);
      } catch (IllegalArgumentException e) {
        problems.add(path + ".dedupKey: " + e.getMessage());
      }
    }
    require(problems, maxPagesPerPoll >= 1, path + ".maxPagesPerPoll", "must be at least 1");
    require(problems, retry.maxAttempts() >= 1, path + ".retry.maxAttempts", "must be at least 1");
    require(problems, retry.initialBackoffMs() >= 1, path + ".retry.initialBackoffMs", "must be at least 1");
    require(problems, retry.maxBackoffMs() >= retry.initialBackoffMs(), path + ".retry.maxBackoffMs",
        "must be at least retry.initialBackoffMs");
    require(problems, retry.multiplier() >= 1, path + ".retry.multiplier", "must be at least 1");
    return problems;
  }

  /** Problems of a mapping (inline or loaded from {@code mappingName}), named under {@code key}. */
  void mappingProblems(MappingSpec spec, String key, List<String> problems) {
    problems.addAll(RecordMapping.problems(spec, vars.keySet(), key));
    require(problems, emits == null || emits.equals(spec.emits()), key + ".emits",
        "is '" + spec.emits() + "' but the source says emits: " + emits);
  }

  private void paginationProblems(String key, List<String> problems) {
    Pagination p = pagination;
    switch (p.type()) {
      case "none" -> { }
      case "next-link" -> require(problems, Pagination.HEADER.equals(p.nextLink())
          || (p.nextLink() != null && !p.nextLink().isEmpty() && JsonPointers.isValid(p.nextLink())),
          key + ".nextLink", "must be a JSON Pointer to the next page's URL (e.g. /links/next) or 'header' for the"
              + " Link header");
      case "cursor" -> {
        require(problems, p.cursor() != null && !p.cursor().isEmpty() && JsonPointers.isValid(p.cursor()),
            key + ".cursor", "must be a JSON Pointer to the next page's cursor, e.g. /meta/next_cursor");
        require(problems, p.cursorParam() != null && !p.cursorParam().isBlank(), key + ".cursorParam",
            "must name the query parameter that carries the cursor");
      }
      case "offset" -> {
        require(problems, p.limitParam() != null && !p.limitParam().isBlank(), key + ".limitParam",
            "must name the query parameter of the page size, e.g. $limit");
        require(problems, p.offsetParam() != null && !p.offsetParam().isBlank(), key + ".offsetParam",
            "must name the query parameter of the offset, e.g. $offset");
        require(problems, p.pageSize() != null && p.pageSize() >= 1, key + ".pageSize", "must be at least 1");
      }
      default -> problems.add(key + ".type: must be one of none, next-link, cursor, offset; got '" + p.type() + "'");
    }
  }

  private static boolean isHttpUrl(String url) {
    try {
      URI uri = url == null ? null : new URI(url);
      return uri != null && uri.isAbsolute() && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null;
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  private static void require(List<String> problems, boolean ok, String key, String message) {
    if (!ok) {
      problems.add(key + ": " + message);
    }
  }

  /** Never prints header or query values: they hold API keys. */
  @Override
  public String toString() {
    return "HttpPollSettings[" + name + " " + Redaction.describe(url) + ", every " + intervalSeconds + " s, headers "
        + headers.keySet() + ", query " + query.keySet() + "]";
  }
}
