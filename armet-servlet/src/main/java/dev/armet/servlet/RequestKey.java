package dev.armet.servlet;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What a rate limit counts a request against: the client address (the default), an API key, a user
 * id, any function of the request. A null key means "this limit does not apply" (e.g. no API key
 * sent), never "unlimited for everyone".
 *
 * <pre>{@code
 * RequestKey.clientAddress()          // IPv4 address or IPv6 /64
 * RequestKey.header("X-Api-Key")      // hashed before it is stored
 * RequestKey.user()                  // the authenticated principal
 * RequestKey.of(r -> r.getParameter("tenant"))
 * }</pre>
 */
@FunctionalInterface
public interface RequestKey {
  /** The key for {@code request}, or null to skip the limit for it. */
  @Nullable String of(HttpServletRequest request);

  /** The resolved client address, IPv6 grouped by network (see {@link ClientAddressRequest}). */
  static RequestKey clientAddress() {
    return ClientAddressKey.INSTANCE;
  }

  /** The value of a request header (long values are stored as their SHA-256). */
  static RequestKey header(String name) {
    Objects.requireNonNull(name, "name");
    return request -> {
      String v = request.getHeader(name);
      return v == null || v.isBlank() ? null : v.strip();
    };
  }

  /**
   * The authenticated user's name ({@code getUserPrincipal()}); anonymous requests skip the limit.
   */
  static RequestKey user() {
    return request ->
        request.getUserPrincipal() == null ? null : request.getUserPrincipal().getName();
  }

  /** Any function of the request. */
  static RequestKey of(Function<HttpServletRequest, String> key) {
    Objects.requireNonNull(key, "key");
    return key::apply;
  }
}
