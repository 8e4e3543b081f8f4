package io.roadstream.ingest.http;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Sets query parameters on a URL, replacing a parameter of the same name, keeping the others. Pure. */
final class QueryStrings {

  private QueryStrings() {}

  static URI with(URI uri, Map<String, String> params) {
    if (params.isEmpty()) {
      return uri;
    }
    List<String> kept = new ArrayList<>();
    String raw = uri.getRawQuery();
    if (raw != null && !raw.isEmpty()) {
      for (String pair : raw.split("&")) {
        String name = java.net.URLDecoder.decode(pair.split("=", 2)[0], StandardCharsets.UTF_8);
        if (!params.containsKey(name)) {
          kept.add(pair);
        }
      }
    }
    params.forEach((k, v) -> kept.add(encode(k) + "=" + encode(v)));
    String s = uri.toString();
    int cut = s.indexOf('?');
    int hash = s.indexOf('#');
    String base = cut >= 0 ? s.substring(0, cut) : hash >= 0 ? s.substring(0, hash) : s;
    return URI.create(base + "?" + String.join("&", kept));
  }

  private static String encode(String s) {
    // URLEncoder writes form encoding; a space is %20 in a query that APIs such as Socrata's $where read
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
