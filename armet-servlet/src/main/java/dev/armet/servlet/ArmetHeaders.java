package dev.armet.servlet;

import dev.armet.headers.ContentSecurityPolicy;
import dev.armet.headers.SecurityHeaders;
import dev.armet.internal.servlet.RequestState;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * This request's security headers, for an application that needs to adjust them on one route
 * without rebuilding the global policy (allow framing of an embeddable widget, mark one page
 * sensitive, clear site data on logout). Changes apply to the response immediately, so call them
 * before the response commits.
 *
 * <pre>{@code
 * ArmetHeaders headers = ArmetHeaders.of(request);
 * String nonce = headers.nonce();                       // for <script nonce="…">
 * headers.allowFraming("https://partner.example");      // this response only
 * }</pre>
 */
public final class ArmetHeaders {
  private final SecurityHeaders policy;
  private final HttpServletResponse response;
  private final @Nullable String nonce;
  private final boolean secure;
  private final String path;
  private @Nullable ContentSecurityPolicy csp;

  /**
   * This response's own changes (a null value removes the header), kept through a reset; made on
   * the first change, as most responses have none.
   */
  private @Nullable Map<String, String> changes;

  ArmetHeaders(
      SecurityHeaders policy,
      HttpServletResponse response,
      @Nullable String nonce,
      boolean secure,
      String path) {
    this.policy = policy;
    this.response = response;
    this.nonce = nonce;
    this.secure = secure;
    this.path = path;
    this.csp = policy.contentSecurityPolicy();
  }

  /**
   * The headers of a request that passed through {@link ArmetFilter}.
   *
   * @throws IllegalStateException if the filter did not run for this request
   */
  public static ArmetHeaders of(ServletRequest request) {
    RequestState state = RequestState.find(request);
    Object h = state == null ? null : state.headers();
    if (h instanceof ArmetHeaders) {
      return (ArmetHeaders) h;
    }
    throw new IllegalStateException(
        "ArmetFilter did not run for this request; register it for "
            + "/* with dispatcher types REQUEST and ERROR");
  }

  /** This response's CSP nonce (base64), or null when the policy uses none. */
  public @Nullable String nonce() {
    return nonce;
  }

  /** Adjusts the enforced CSP of this response only (the nonce, if any, is kept). */
  public ArmetHeaders contentSecurityPolicy(Consumer<ContentSecurityPolicy.Builder> change) {
    ContentSecurityPolicy.Builder b =
        (csp == null ? ContentSecurityPolicy.defaults() : csp).toBuilder();
    change.accept(b);
    ContentSecurityPolicy adjusted = b.build();
    if (adjusted.usesNonce() && nonce == null) {
      throw new IllegalStateException(
          "a per-request change cannot add a nonce: enable the nonce "
              + "in the global policy so that every response gets one");
    }
    csp = adjusted;
    response.setHeader(SecurityHeaders.CONTENT_SECURITY_POLICY, adjusted.render(nonce));
    return this;
  }

  /**
   * Lets these origins frame this response: sets CSP {@code frame-ancestors} and drops {@code
   * X-Frame-Options}, which cannot express an allow-list.
   */
  public ArmetHeaders allowFraming(String... ancestors) {
    contentSecurityPolicy(c -> c.set("frame-ancestors", withSelf(ancestors)));
    return change(SecurityHeaders.X_FRAME_OPTIONS, null);
  }

  /** Forbids caching this response anywhere ({@code Cache-Control: no-store}). */
  public ArmetHeaders noStore() {
    return change(SecurityHeaders.CACHE_CONTROL, SecurityHeaders.NO_STORE);
  }

  /** Asks the browser to clear this origin's cache, cookies and storage (logout). */
  public ArmetHeaders clearSiteData() {
    return change(SecurityHeaders.CLEAR_SITE_DATA, SecurityHeaders.CLEAR_ALL);
  }

  /** Removes one header from this response. */
  public ArmetHeaders remove(String name) {
    return change(name, null);
  }

  /**
   * Writes the whole policy again (after the application reset the response, or for an error page),
   * then this response's own changes: a header {@link #allowFraming} or {@link #remove} took away
   * stays away.
   */
  void reapply() {
    policy.write(response::setHeader, secure, path, nonce);
    if (csp != policy.contentSecurityPolicy() && csp != null) {
      response.setHeader(SecurityHeaders.CONTENT_SECURITY_POLICY, csp.render(nonce));
    }
    if (changes != null) {
      changes.forEach(response::setHeader);
    }
  }

  private ArmetHeaders change(String name, @Nullable String value) {
    Map<String, String> c = changes;
    if (c == null) {
      c = new LinkedHashMap<>();
      changes = c;
    }
    c.put(name, value);
    response.setHeader(name, value);
    return this;
  }

  private static String[] withSelf(String[] ancestors) {
    String[] out = new String[ancestors.length + 1];
    out[0] = "'self'";
    System.arraycopy(ancestors, 0, out, 1, ancestors.length);
    return out;
  }
}
