package io.roadstream.ingest.http;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import io.roadstream.ingest.http.HttpPollSettings.Pagination;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the next page of a poll is, by the configured {@link Pagination}. Pure.
 *
 * <p>A page that is not JSON cannot say where the next page is, except through the {@code Link} header or an
 * offset the poller counts itself; for a next link or a cursor in the body, the poll ends at that page and the
 * next poll starts again from the first page (from the high-water mark, with incremental sync).
 */
final class Paging {

  private static final Pattern LINK_NEXT = Pattern.compile("<([^>]*)>\\s*((?:;\\s*[^;,]*)*)");

  private final Pagination p;
  private final JsonPointer pointer;

  Paging(Pagination pagination) {
    this.p = pagination;
    this.pointer = switch (p.type()) {
      case "next-link" -> Pagination.HEADER.equals(p.nextLink()) ? null : JsonPointers.compile(p.nextLink());
      case "cursor" -> JsonPointers.compile(p.cursor());
      default -> null;
    };
  }

  /** The first page of a poll, from its base URL (with the configured query and the mark set). */
  URI first(URI base) {
    return p.type().equals("offset")
        ? QueryStrings.with(base, Map.of(p.limitParam(), String.valueOf(p.pageSize()), p.offsetParam(), "0"))
        : base;
  }

  /**
   * @param base    the poll's first URL before {@link #first}
   * @param page    the page just read
   * @param body    the page as JSON, empty when it is not JSON
   * @param records the number of records the page held, null when they could not be read
   * @return the next page's URL, empty at the last page (or when this one cannot tell)
   */
  Optional<URI> next(URI base, Page page, Optional<JsonNode> body, Integer records) {
    switch (p.type()) {
      case "next-link": {
        Optional<String> link = pointer == null ? linkHeader(page) : body.map(b -> b.at(pointer))
            .filter(n -> n.isTextual() && !n.asText().isBlank()).map(JsonNode::asText);
        return link.map(l -> page.uri().resolve(l.trim()));
      }
      case "cursor": {
        return body.map(b -> b.at(pointer)).filter(n -> n.isValueNode() && !n.isNull() && !n.asText().isEmpty())
            .map(n -> QueryStrings.with(base, Map.of(p.cursorParam(), n.asText())));
      }
      case "offset": {
        // an unreadable page still occupies its place: skip to the one after it
        boolean full = records == null || records >= p.pageSize();
        long offset = (long) page.number() * p.pageSize();
        return full ? Optional.of(QueryStrings.with(base, Map.of(p.limitParam(), String.valueOf(p.pageSize()),
            p.offsetParam(), String.valueOf(offset)))) : Optional.empty();
      }
      default:
        return Optional.empty();
    }
  }

  /** The {@code rel="next"} target of the Link header (RFC 8288), which may list several links. */
  static Optional<String> linkHeader(Page page) {
    for (String header : page.headers().allValues("Link")) {
      Matcher m = LINK_NEXT.matcher(header);
      while (m.find()) {
        if (m.group(2).matches("(?is).*;\\s*rel\\s*=\\s*\"?([^\"]*\\s)?next(\\s[^\"]*)?\"?.*")) {
          return Optional.of(m.group(1));
        }
      }
    }
    return Optional.empty();
  }
}
