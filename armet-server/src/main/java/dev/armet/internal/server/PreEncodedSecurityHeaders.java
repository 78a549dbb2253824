package dev.armet.internal.server;

import dev.armet.headers.SecurityHeaders;
import dev.armet.internal.servlet.ContainerHeaders;
import dev.armet.internal.servlet.jetty.PreEncodedFields;
import dev.armet.servlet.ArmetFilter;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's fast path for the security headers: a core handler in front of the servlet context that
 * adds the policy's {@linkplain SecurityHeaders#constantHeaders constant headers} as {@link
 * PreEncodedHttpField}s, encoded once at start-up (one set for secure requests, with HSTS, one for
 * plain ones), and tells {@link ArmetFilter} so through {@link ContainerHeaders}. The filter then
 * writes only the per-request headers (a CSP nonce, path-scoped ones).
 *
 * <p>Why: Jetty 12.1 serialises {@code String} header fields one character at a time, about 3.6 µs
 * per response for Armet's 841 bytes; pre-encoded fields are copied as bytes (see {@code
 * docs/PERFORMANCE.md}). On HTTP/2 the fields still go through HPACK's dynamic table.
 *
 * <p>Guarantees are the filter's: a header the application sets replaces the pre-encoded one,
 * {@code reset()} and {@code ERROR} dispatches write the whole policy again, and each header has
 * one value. Behind trusted proxies the filter decides "secure" from the proxy's headers, which
 * this handler cannot see, so {@link #wrap} leaves the headers to the filter.
 *
 * <pre>{@code
 * ArmetFilter filter = ArmetFilter.defaults();
 * context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(REQUEST, ERROR));
 * server.setHandler(PreEncodedSecurityHeaders.wrap(filter, context));
 * }</pre>
 */
public final class PreEncodedSecurityHeaders extends Handler.Wrapper {
  private final PreEncodedFields fields;
  private final ContainerHeaders secure;
  private final ContainerHeaders plain;

  private PreEncodedSecurityHeaders(SecurityHeaders policy, Handler next) {
    super(next);
    this.secure = ContainerHeaders.of(policy, true);
    this.plain = ContainerHeaders.of(policy, false);
    this.fields = PreEncodedFields.of(policy);
  }

  /**
   * {@code next} behind this handler, or {@code next} itself when {@code filter} trusts proxies
   * (then the filter writes every header, as without this handler).
   */
  public static Handler wrap(ArmetFilter filter, Handler next) {
    if (filter.proxies().trustsProxies()) {
      return next;
    }
    return new PreEncodedSecurityHeaders(filter.headers(), next);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    boolean isSecure = request.isSecure(); // what the servlet request's isSecure() answers
    fields.addTo(response.getHeaders(), isSecure);
    request.setAttribute(ContainerHeaders.ATTRIBUTE, isSecure ? secure : plain);
    return super.handle(request, response, callback);
  }
}
