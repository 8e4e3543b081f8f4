package io.roadstream.core.config;

import java.util.Locale;
import java.util.regex.Pattern;

/** Masks secrets where settings are printed or logged: tokens, passwords, passwords inside URLs and client properties. */
public final class Secrets {

  private static final String MASK = "***";
  /** {@code scheme://user:password@host}: the password part. */
  private static final Pattern URL_PASSWORD = Pattern.compile("(://[^:/@?#]*:)[^@/?#]*@");
  /** {@code password=…} (or pwd, secret, token) as a URL query parameter. */
  private static final Pattern QUERY_SECRET =
      Pattern.compile("(?i)([?&;](?:password|pwd|secret|token|sslpassword)=)[^&;]*");

  private Secrets() {}

  /** "none" for an empty secret, a mask otherwise: whether one is set shows, never what it is. */
  public static String mask(String secret) {
    return secret == null || secret.isEmpty() ? "none" : MASK;
  }

  /** The URL with any password (user-info or query parameter) masked. */
  public static String maskUrl(String url) {
    if (url == null || url.isEmpty()) {
      return url;
    }
    String masked = URL_PASSWORD.matcher(url).replaceAll("$1" + MASK + "@");
    return QUERY_SECRET.matcher(masked).replaceAll("$1" + MASK);
  }

  /**
   * {@code key=value;key=value} client properties with the value of every secret-bearing key masked (passwords, JAAS
   * configurations, keys, secrets, tokens, credentials).
   */
  public static String maskProperties(String properties) {
    if (properties == null || properties.isEmpty()) {
      return properties;
    }
    StringBuilder out = new StringBuilder();
    for (String entry : properties.split("(?<=[;\\n])")) {
      int eq = entry.indexOf('=');
      String key = eq < 0 ? "" : entry.substring(0, eq).toLowerCase(Locale.ROOT);
      if (eq >= 0 && isSecretKey(key)) {
        String end = entry.endsWith(";") || entry.endsWith("\n") ? entry.substring(entry.length() - 1) : "";
        out.append(entry, 0, eq + 1).append(MASK).append(end);
      } else {
        out.append(entry);
      }
    }
    return out.toString();
  }

  private static boolean isSecretKey(String key) {
    return key.contains("password") || key.contains("jaas") || key.contains("secret") || key.contains("token")
        || key.contains("credential") || key.endsWith(".key") || key.contains("key.pem") || key.contains("keystore.key");
  }
}
