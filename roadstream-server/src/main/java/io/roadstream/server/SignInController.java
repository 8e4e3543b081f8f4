package io.roadstream.server;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;

/**
 * {@code POST /login} (a form with {@code token}) and {@code POST /logout} for the dashboard when the read API needs a
 * token: a right token becomes an HttpOnly, SameSite=Strict cookie that the page's requests and its live stream
 * carry; a wrong one sends the browser back to the form. Scripts never see the token.
 */
final class SignInController {

  private static final int WEEK_S = 7 * 24 * 3600;

  private final AccessControl access;

  SignInController(AccessControl access) {
    this.access = access;
  }

  void signIn(Context ctx) {
    String token = ctx.formParam("token");
    if (token == null || !access.signsIn(token.strip())) {
      ctx.redirect("/login.html?failed", io.javalin.http.HttpStatus.SEE_OTHER);
      return;
    }
    ctx.cookie(cookie(token.strip(), WEEK_S, secure(ctx)));
    ctx.redirect("/", io.javalin.http.HttpStatus.SEE_OTHER);
  }

  void signOut(Context ctx) {
    ctx.cookie(cookie("", 0, secure(ctx)));
    ctx.redirect("/login.html", io.javalin.http.HttpStatus.SEE_OTHER);
  }

  /** Behind a TLS-terminating proxy the request arrives as http; the proxy says what the browser used. */
  private static boolean secure(Context ctx) {
    return ctx.scheme().equals("https") || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
  }

  private static Cookie cookie(String value, int maxAgeS, boolean secure) {
    return new Cookie(AccessControl.COOKIE, value, "/", maxAgeS, secure, 0, true, null, null, SameSite.STRICT);
  }
}
