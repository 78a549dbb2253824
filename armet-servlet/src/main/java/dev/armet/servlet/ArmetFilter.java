package dev.armet.servlet;

import dev.armet.csrf.CsrfProtection;
import dev.armet.event.SecurityEventContext;
import dev.armet.event.SecurityEventSink;
import dev.armet.headers.SecurityHeaders;
import dev.armet.internal.headers.CspNonce;
import dev.armet.internal.servlet.ContainerHeaders;
import dev.armet.internal.servlet.PreEncodedHeaders;
import dev.armet.internal.servlet.RequestPaths;
import dev.armet.internal.servlet.RequestState;
import dev.armet.internal.servlet.session.SessionExchange;
import dev.armet.net.ClientAddressResolver;
import dev.armet.servlet.csrf.ServletCsrf;
import dev.armet.session.SessionLookup;
import dev.armet.session.Sessions;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The one filter an application registers: applies Armet's policies to every request, in this
 * order: the real client address behind trusted proxies, security headers, rate limits, sessions,
 * CSRF protection, then the application.
 *
 * <p>Security headers are written before the application runs, so they are on every kind of
 * response: normal, {@code sendError}, {@code sendRedirect}, flushed early, static, HEAD and async.
 * A header the application sets afterwards wins (as in Spring Security); a {@code response.reset()}
 * puts the policy back. On Jetty 12 (ee10 and ee11) the filter adds the constant headers to Jetty's
 * own response as fields encoded once per filter, which Jetty copies as bytes; elsewhere (or when
 * an earlier filter wrapped the response) it calls {@code setHeader}. When the container already
 * wrote the constant headers ({@link ContainerHeaders}, Armet's Jetty server), the filter writes
 * only the per-request ones. Every path keeps the same guarantees. {@link ArmetHeaders#of} adjusts
 * one response. When the policy uses a CSP nonce, it is in the request attribute {@link
 * #CSP_NONCE}.
 *
 * <p>Sessions: {@code request.getSession()} returns the Armet session (the container's own is never
 * created). CSRF: unsafe methods must pass Fetch Metadata, Origin and token checks; the token for
 * forms is the request attribute {@code _csrf}. Both are on by default and configured for {@code
 * ARMET_ENV}; in production, unsafe settings (in-memory store, missing or weak secrets) fail when
 * the filter is built.
 *
 * <p>Register it for {@code /*} with dispatcher types {@code REQUEST} and {@code ERROR}.
 *
 * <pre>{@code
 * ArmetFilter filter = ArmetFilter.create(a -> a
 *     .headers(h -> h.contentSecurityPolicy(csp -> csp.nonce("script-src")))
 *     .sessions(ServerSessions.create(s -> s.store(store))));
 * context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(REQUEST, ERROR));
 * }</pre>
 */
public final class ArmetFilter implements Filter {
  /** Request attribute holding this response's CSP nonce (a String), when the policy uses one. */
  public static final String CSP_NONCE = "armet.cspNonce";

  /** Where the built-in CSP violation report endpoint listens unless configured otherwise. */
  public static final String DEFAULT_CSP_REPORT_PATH = "/_armet/csp-report";

  private final ClientAddressResolver proxies;
  private final SecurityHeaders headers;
  private final PreEncodedHeaders preEncoded;
  private final @Nullable CspReportEndpoint reports;
  private final @Nullable HttpRateLimits rateLimits;
  private final @Nullable Sessions sessions;
  private final @Nullable ServletCsrf csrf;

  ArmetFilter(
      ArmetFilterBuilder b,
      SecurityEventSink events,
      @Nullable Sessions sessions,
      @Nullable CsrfProtection csrf) {
    this.proxies = b.proxies;
    this.headers = b.headers;
    this.preEncoded = PreEncodedHeaders.forPolicy(b.headers);
    this.rateLimits = b.rateLimits;
    this.reports =
        b.cspReportPath == null
            ? null
            : new CspReportEndpoint(b.cspReportPath, b.maxReportBytes, events);
    this.sessions = sessions;
    this.csrf = csrf == null ? null : new ServletCsrf(csrf);
  }

  /** A filter with every default: headers, sessions, CSRF and the CSP report endpoint. */
  public static ArmetFilter defaults() {
    return builder().build();
  }

  public static ArmetFilterBuilder builder() {
    return new ArmetFilterBuilder();
  }

  /** A filter configured by {@code config}, starting from the defaults. */
  public static ArmetFilter create(Consumer<ArmetFilterBuilder> config) {
    ArmetFilterBuilder b = builder();
    config.accept(b);
    return b.build();
  }

  /** The header policy in force. */
  public SecurityHeaders headers() {
    return headers;
  }

  /**
   * The proxies this filter believes about the client's scheme and address. A container that writes
   * {@link ContainerHeaders} must decide "secure" as the filter does, so it leaves that to the
   * filter when {@link ClientAddressResolver#trustsProxies()}.
   */
  public ClientAddressResolver proxies() {
    return proxies;
  }

  @Override
  @SuppressWarnings("try") // the event scope is only opened and closed around the chain
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    if (!(req instanceof HttpServletRequest) || !(res instanceof HttpServletResponse)) {
      chain.doFilter(req, res);
      return;
    }
    HttpServletResponse response = (HttpServletResponse) res;
    DispatcherType type = ((HttpServletRequest) req).getDispatcherType();
    if (type != DispatcherType.REQUEST && type != DispatcherType.ERROR) {
      chain.doFilter(req, res);
      return;
    }
    // Resolved first, so that HSTS, Secure cookies, CSRF origins and rate-limit keys all see the
    // client's scheme and address rather than the proxy's.
    HttpServletRequest request = ClientAddressRequest.resolve((HttpServletRequest) req, proxies);
    // Every security event of this request, whichever component records it, names its client
    // and path (docs/EVENTS.md).
    try (SecurityEventContext.Scope scope = RequestEvents.enter(request)) {
      filter(request, response, chain, type);
    }
  }

  private void filter(
      HttpServletRequest request,
      HttpServletResponse response,
      FilterChain chain,
      DispatcherType type)
      throws IOException, ServletException {
    String path = RequestPaths.contextRelative(request);
    ArmetHeaders applied = applyHeaders(request, response, path, type);
    // The session read is prepared first, so that the rate-limit decision can carry it: one
    // store round trip for both where the store can (Redis). A request the limits refuse costs
    // no session read of its own and records no session event.
    SessionLookup lookup = sessions == null ? null : SessionExchange.lookup(sessions, request);
    if (type == DispatcherType.REQUEST
        && rateLimits != null
        && !rateLimits.begin(request, response, lookup == null ? null : lookup.load())) {
      return;
    }
    // Behind the rate limits: an unauthenticated endpoint that records events must be limited
    // like any other route.
    if (type == DispatcherType.REQUEST && reports != null && reports.handles(path)) {
      reports.receive(request, response);
      return;
    }
    boolean checkCsrf = type == DispatcherType.REQUEST && csrf != null;
    if (sessions == null) {
      if (checkCsrf && !Objects.requireNonNull(csrf).apply(request, response)) {
        return;
      }
      chain.doFilter(request, new ResetSafeResponse(response, applied));
      return;
    }
    // Error pages get the session too (re-opened from the cookie), so that their getSession()
    // never falls back to the container's.
    SessionExchange exchange =
        SessionExchange.begin(sessions, Objects.requireNonNull(lookup), request, response);
    try {
      if (!checkCsrf
          || Objects.requireNonNull(csrf).apply(exchange.request(), exchange.response())) {
        chain.doFilter(exchange.request(), new ResetSafeResponse(exchange.response(), applied));
      }
    } catch (IOException | ServletException | RuntimeException | Error applicationFailure) {
      commitAfter(exchange, applicationFailure);
      throw applicationFailure;
    }
    exchange.commit();
  }

  /**
   * Commits the session after the application failed: the application's exception is the one that
   * propagates (it says what went wrong first); a commit failure rides along as suppressed.
   */
  private static void commitAfter(SessionExchange exchange, Throwable applicationFailure) {
    try {
      exchange.commit();
    } catch (RuntimeException commitFailure) {
      applicationFailure.addSuppressed(commitFailure);
    }
  }

  private ArmetHeaders applyHeaders(
      HttpServletRequest request, HttpServletResponse response, String path, DispatcherType type) {
    RequestState state = RequestState.of(request);
    Object existing = state.headers();
    if (existing instanceof ArmetHeaders) {
      // An ERROR dispatch of a request we already saw: the container may have dropped headers.
      ArmetHeaders again = (ArmetHeaders) existing;
      again.reapply();
      return again;
    }
    String nonce = null;
    if (headers.usesNonce()) {
      nonce = CspNonce.generate();
      request.setAttribute(CSP_NONCE, nonce);
    }
    boolean secure = request.isSecure();
    ArmetHeaders applied = new ArmetHeaders(headers, response, nonce, secure, path);
    state.headers(applied);
    Object written = request.getAttribute(ContainerHeaders.ATTRIBUTE);
    if (written instanceof ContainerHeaders) {
      ContainerHeaders container = (ContainerHeaders) written;
      boolean covers = container.covers(headers, secure);
      // Only a REQUEST dispatch sees the response as the container left it; an ERROR dispatch
      // may follow a reset that dropped what the container wrote.
      if (covers && type == DispatcherType.REQUEST) {
        headers.writePerRequest(response::setHeader, path, nonce);
        return applied;
      }
      if (!covers) {
        // Another policy, or another verdict on "secure" (a trusted proxy): take it all back.
        for (String name : container.headers().keySet()) {
          response.setHeader(name, null);
        }
      }
    } else if (type == DispatcherType.REQUEST && preEncoded.add(response, secure)) {
      // The "secure" of this request as the filter decided it (trusted proxies included). An
      // ERROR dispatch keeps setHeader: it may follow a reset.
      headers.writePerRequest(response::setHeader, path, nonce);
      return applied;
    }
    headers.write(response::setHeader, secure, path, nonce);
    return applied;
  }
}
