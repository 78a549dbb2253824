package dev.armet.internal.env;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A store or service URI as it may appear in a message, a log line or a CLI's output: every
 * password replaced by {@code ****}. The one masker of Armet; the Redis and JDBC stores and the
 * {@code armet} command all print URIs through it.
 *
 * <p>It works from the parsed URI, not from a pattern: when {@link URI} reads the text with a host
 * and the only {@code @} is the one ending the user information, the user information is replaced
 * by {@code user:****} ({@code ****} when it has no {@code :}, since Redis reads a lone user
 * information as a password). When the text does not parse that way (a password with a raw {@code
 * /}, {@code @}, {@code #} or {@code ?}, a Sentinel host list, no URI at all), everything from
 * after {@code scheme://} to the last {@code @} is masked: more than needed, never less. Query
 * parameters that name a password or secret ({@code ?password=…}) are masked too.
 *
 * <pre>{@code
 * MaskedUri.of("postgresql://app:p@ss/w0rd@db:5432/app")  // postgresql://****@db:5432/app
 * MaskedUri.of("redis://:s3cret@[::1]:6379/0")            // redis://:****@[::1]:6379/0
 * }</pre>
 */
public final class MaskedUri {
  static final String MASK = "****";

  private MaskedUri() {}

  /** {@code uri} with every password masked; {@code "null"} for null. Never throws. */
  public static String of(String uri) {
    if (uri == null) {
      return "null";
    }
    String userInfoMasked = maskUserInfo(uri);
    return maskQuery(userInfoMasked);
  }

  private static String maskUserInfo(String uri) {
    int lastAt = uri.lastIndexOf('@');
    if (lastAt < 0) {
      return uri;
    }
    URI parsed = parse(uri);
    if (parsed != null
        && parsed.getHost() != null
        && parsed.getRawUserInfo() != null
        && parsed.getScheme() != null) {
      String info = parsed.getRawUserInfo();
      int start = parsed.getScheme().length() + "://".length();
      boolean onlyAt = uri.startsWith(info + "@", start) && start + info.length() == lastAt;
      if (onlyAt) {
        return uri.substring(0, start) + maskedUserInfo(info) + uri.substring(lastAt);
      }
    }
    int slashes = uri.indexOf("://");
    int start = slashes >= 0 && slashes < lastAt ? slashes + 3 : 0;
    return uri.substring(0, start) + MASK + uri.substring(lastAt);
  }

  private static String maskedUserInfo(String info) {
    int colon = info.indexOf(':');
    return colon < 0 ? MASK : info.substring(0, colon) + ":" + MASK;
  }

  /** Masks the values of {@code password}, {@code sslpassword}, {@code secret}… parameters. */
  private static String maskQuery(String uri) {
    int query = uri.indexOf('?');
    if (query < 0) {
      return uri;
    }
    int fragment = uri.indexOf('#', query);
    int end = fragment < 0 ? uri.length() : fragment;
    StringBuilder out = new StringBuilder(uri.length()).append(uri, 0, query + 1);
    String[] params = uri.substring(query + 1, end).split("&", -1);
    for (int i = 0; i < params.length; i++) {
      String param = params[i];
      int eq = param.indexOf('=');
      if (i > 0) {
        out.append('&');
      }
      if (eq > 0 && isSecretName(param.substring(0, eq))) {
        out.append(param, 0, eq + 1).append(MASK);
      } else {
        out.append(param);
      }
    }
    return out.append(uri, end, uri.length()).toString();
  }

  private static boolean isSecretName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.contains("password")
        || n.contains("secret")
        || n.contains("token")
        || n.equals("pwd")
        || n.equals("pass");
  }

  private static @Nullable URI parse(String uri) {
    try {
      return new URI(uri);
    } catch (URISyntaxException e) {
      return null;
    }
  }
}
