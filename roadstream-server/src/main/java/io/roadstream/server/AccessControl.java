package io.roadstream.server;

import io.javalin.http.Context;
import io.roadstream.core.config.RoadstreamConfig;
import java.util.Optional;

/**
 * Who may call what. The admin API ({@code /api/admin/*}) needs the admin token as a bearer token and is off (404)
 * without one. The read API ({@code /api/*}) is public unless a read token is set; then it needs the read or the admin
 * token, as a bearer token or as the {@value #COOKIE} cookie that the dashboard's sign-in sets (a browser's
 * EventSource cannot send headers). {@code /health}, the dashboard's files and {@code /ingest/*} (which checks its own
 * token) are not guarded here.
 */
final class AccessControl {

  static final String COOKIE = "roadstream_token";

  private final Optional<BearerToken> readToken;
  private final Optional<BearerToken> adminToken;

  AccessControl(RoadstreamConfig.Server settings) {
    this.readToken = token(settings.readToken());
    this.adminToken = token(settings.adminToken());
  }

  private static Optional<BearerToken> token(String value) {
    return value.isEmpty() ? Optional.empty() : Optional.of(new BearerToken(value));
  }

  /** True when a token is needed to read. */
  boolean readProtected() {
    return readToken.isPresent();
  }

  /** Runs before every request: refuses what the caller may not see, with 401 (or 404 for an admin API that is off). */
  void check(Context ctx) {
    String path = ctx.path();
    if (path.startsWith("/api/admin/") || path.equals("/api/admin")) {
      BearerToken admin = adminToken.orElseThrow(() -> ApiException.notFound(
          "the admin API is off: set server.adminToken (ROADSTREAM_SERVER_ADMIN_TOKEN) to turn it on"));
      if (!admin.accepts(ctx.header("Authorization"))) {
        throw unauthorized(ctx, "roadstream admin", "missing or wrong token: send Authorization: Bearer "
            + "<server.adminToken>");
      }
    } else if (path.startsWith("/api/") && readToken.isPresent() && !mayRead(ctx)) {
      throw unauthorized(ctx, "roadstream", "missing or wrong token: send Authorization: Bearer <server.readToken>, "
          + "or sign in on /login.html");
    }
  }

  /** True if {@code token} (as typed into the sign-in form) opens the read API. */
  boolean signsIn(String token) {
    return readToken.map(t -> t.matches(token)).orElse(false) || adminToken.map(t -> t.matches(token)).orElse(false);
  }

  private boolean mayRead(Context ctx) {
    String authorization = ctx.header("Authorization");
    String cookie = ctx.cookie(COOKIE);
    return readToken.get().accepts(authorization) || readToken.get().matches(cookie)
        || adminToken.map(t -> t.accepts(authorization) || t.matches(cookie)).orElse(false);
  }

  private static ApiException unauthorized(Context ctx, String realm, String message) {
    ctx.header("WWW-Authenticate", "Bearer realm=\"" + realm + "\"");
    return new ApiException(401, message);
  }
}
