package io.roadstream.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PagingTest {

  @Test
  void followsTheNextRelationOfALinkHeader() {
    Paging paging = new Paging(new HttpPollSettings.Pagination("next-link", "header", null, null, null, null, null));
    Page page = page("https://api.example/v1/events?page=2",
        "<https://api.example/v1/events?page=1>; rel=\"prev\", <https://api.example/v1/events?page=3>; rel=\"next\"");

    assertThat(paging.next(URI.create("https://api.example/v1/events"), page, Optional.empty(), null))
        .contains(URI.create("https://api.example/v1/events?page=3"));
  }

  @Test
  void endsWhereTheLinkHeaderHasNoNext() {
    Paging paging = new Paging(new HttpPollSettings.Pagination("next-link", "header", null, null, null, null, null));
    Page page = page("https://api.example/v1/events?page=3", "<https://api.example/v1/events?page=2>; rel=\"prev\"");

    assertThat(paging.next(URI.create("https://api.example/v1/events"), page, Optional.empty(), null)).isEmpty();
  }

  @Test
  void countsOffsetsAndEndsAtAShortPage() {
    Paging paging = new Paging(new HttpPollSettings.Pagination("offset", null, null, null, "$limit", "$offset", 1000));
    URI base = URI.create("https://data.cityofnewyork.us/resource/i4gi-tjb9.json?$order=data_as_of");

    URI first = paging.first(base);
    assertThat(first.getRawQuery()).contains("%24limit=1000").contains("%24offset=0").contains("$order=data_as_of");
    assertThat(paging.next(base, page(first.toString(), null), Optional.empty(), 1000))
        .hasValueSatisfying(u -> assertThat(u.getRawQuery()).contains("%24offset=1000"));
    assertThat(paging.next(base, page(first.toString(), null), Optional.empty(), 999)).isEmpty();
  }

  private static Page page(String uri, String link) {
    HttpHeaders headers = HttpHeaders.of(link == null ? Map.of() : Map.of("Link", List.of(link)), (a, b) -> true);
    return new Page(URI.create(uri), 1, headers, new byte[0], 0);
  }
}
