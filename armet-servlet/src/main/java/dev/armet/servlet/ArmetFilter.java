package dev.armet.servlet;

import dev.armet.csrf.CsrfProtection;
import dev.armet.event.SecurityEventContext;
import dev.armet.event.SecurityEventSink;
import dev.armet.headers.SecurityHeaders;
import dev.armet.internal.headers.CspNonce;
import dev.armet.internal.servlet.ArmetRequest;
import dev.armet.internal.servlet.AsyncDispatchCheck;
import dev.armet.internal.servlet.ContainerHeaders;
import dev.armet.internal.servlet.PreEncodedHeaders;
import dev.armet.internal.servlet.RequestPaths;
import dev.armet.internal.servlet.RequestState;
import dev.armet.internal.servlet.session.SessionExchange;
import dev.armet.net.ClientAddressResolver;
import dev.armet.ratelimit.PendingDecision;
import dev.armet.servlet.csrf.ServletCsrf;
import dev.armet.session.SessionLookup;
import dev.armet.session.Sessions;
import dev.armet.spi.SessionLoad;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
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
 * one response. When the policy uses a CSP nonce, it is in the request attribute {@link #CSP_NONCE}
 * (see below for where request attributes live).
 *
 * <p>Sessions: {@code request.getSession()} returns the Armet session (the container's own is never
 * created). CSRF: unsafe methods must pass Fetch Metadata, Origin and token checks; the token for
 * forms is the request attribute {@code _csrf}. Both are on by default and configured for {@code
 * ARMET_ENV}; in production, unsafe settings (in-memory store, missing or weak secrets) fail when
 * the filter is built.
 *
 * <p>Request attributes: the filter's own (the CSP nonce {@link #CSP_NONCE}, the CSRF token {@code
 * _csrf} and under {@code CsrfToken}'s class name, the {@link ClientAddressRequest#ATTRIBUTE client
 * address}) are kept in the request the filter passes down the chain, not in the container's
 * attribute map (which Jetty would make per request for them). Through that request, and any
 * wrapper around it, {@code getAttribute}, {@code setAttribute}, {@code removeAttribute} and {@code
 * getAttributeNames} treat them as attributes. They are copied into the container's request
 * (published) when the request may be seen without the filter's wrapper: when the application calls
 * {@code startAsync} on it, when {@code sendError} is called on the response the filter passes on,
 * when the filter or the chain throws, when the filter parks the request ({@link
 * ArmetFilterBuilder#asyncStoreCalls}) or answers a CSP report, and when the chain returns with
 * async started on the request the filter got. So every later dispatch (ASYNC, and the ERROR
 * dispatch of an error page) sees them, with the nonce the response's header carries. An ERROR
 * dispatch of a request whose attributes were not published (the container's own error) applies the
 * headers afresh, with a new nonce that the page and the header share. What differs from real
 * attributes: a filter registered <em>before</em> this one that reads them off its own (unwrapped)
 * request, for example after the chain returns, no longer sees them (unless published), and {@code
 * ServletRequestAttributeListener}s are not told of them unless published.
 *
 * <p>Register it for {@code /*} with dispatcher types {@code REQUEST} and {@code ERROR} (and {@code
 * ASYNC} with {@link ArmetFilterBuilder#asyncStoreCalls}, which releases the request's thread while
 * a network rate-limit store decides).
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
  private final boolean asyncStoreCalls;

  /** Whether requests may be parked for the store: asyncStoreCalls, and mapped for it (init). */
  private volatile boolean resumable;

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
    this.asyncStoreCalls = b.asyncStoreCalls && b.rateLimits != null;
  }

  /**
   * Checks, when {@link ArmetFilterBuilder#asyncStoreCalls} is on, that a resumed request will come
   * back through this filter and every filter after it ({@link AsyncDispatchCheck}); if not, the
   * filter decides synchronously and says why, once. Until the container calls this, it does too.
   */
  @Override
  public void init(FilterConfig config) {
    if (!asyncStoreCalls) {
      return;
    }
    String problem = AsyncDispatchCheck.problem(config);
    if (problem == null || problem.equals(AsyncDispatchCheck.UNVERIFIABLE)) {
      resumable = true;
      return;
    }
    System.getLogger("armet.servlet")
        .log(
            System.Logger.Level.WARNING,
            "asyncStoreCalls is on, but "
                + problem
                + "; rate-limit decisions wait on the request thread. Register the filter, and"
                + " every filter after it, for REQUEST, ASYNC and ERROR with async supported.");
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
    // Published by an earlier dispatch of this request (async, error) or by a helper before us.
    RequestState found = RequestState.find(req);
    // The ASYNC dispatch that resumes a request this filter parked (asyncStoreCalls); any other
    // ASYNC dispatch is the application's own, of a request already through the filter.
    ParkedRequest parked = null;
    if (type == DispatcherType.ASYNC) {
      parked = found == null ? null : (ParkedRequest) found.unpark();
    }
    if (type != DispatcherType.REQUEST && type != DispatcherType.ERROR && parked == null) {
      chain.doFilter(req, res);
      return;
    }
    // Armet's attributes live in this wrapper's state, not in the container's map, until the
    // request may be seen without it (publish): async, an error dispatch.
    ArmetRequest stateful =
        new ArmetRequest(
            (HttpServletRequest) req, found != null ? found : RequestState.unpublished());
    // Resolved first, so that HSTS, Secure cookies, CSRF origins and rate-limit keys all see the
    // client's scheme and address rather than the proxy's.
    HttpServletRequest request = ClientAddressRequest.resolve(stateful, proxies);
    // Every security event of this request, whichever component records it, names its client
    // and path (docs/EVENTS.md).
    try (SecurityEventContext.Scope scope = RequestEvents.enter(request)) {
      if (parked == null) {
        filter(request, response, chain, type, stateful, res);
      } else {
        resume(request, response, chain, stateful, parked);
      }
    } catch (IOException | ServletException | RuntimeException | Error failure) {
      // The container's ERROR dispatch (its page) must see the nonce the header carries.
      publishAfter(stateful, failure);
      throw failure;
    }
    if (!stateful.isPublished() && req.isAsyncStarted()) {
      stateful.publish(); // the application started async on a request it held unwrapped
    }
  }

  private static void publishAfter(ArmetRequest stateful, Throwable failure) {
    try {
      stateful.publish();
    } catch (RuntimeException publishFailure) {
      failure.addSuppressed(publishFailure);
    }
  }

  private void filter(
      HttpServletRequest request,
      HttpServletResponse response,
      FilterChain chain,
      DispatcherType type,
      ArmetRequest stateful,
      ServletResponse res)
      throws IOException, ServletException {
    ServletRequest req = stateful.getRequest();
    String path = RequestPaths.contextRelative(request);
    applyHeaders(request, response, path, type); // kept in the request's state
    // The session read is prepared first, so that the rate-limit decision can carry it: one
    // store round trip for both where the store can (Redis). A request the limits refuse costs
    // no session read of its own and records no session event.
    SessionLookup lookup = sessions == null ? null : SessionExchange.lookup(sessions, request);
    if (type == DispatcherType.REQUEST && rateLimits != null) {
      SessionLoad load = lookup == null ? null : lookup.load();
      if (!resumable || !req.isAsyncSupported() || req.isAsyncStarted()) {
        if (!rateLimits.begin(request, response, load)) {
          return;
        }
      } else {
        PendingDecision pending = rateLimits.decideLater(request, load);
        if (pending != null
            && !pending.isAnswered()
            && park(request, stateful, res, lookup, pending)) {
          return;
        }
        if (pending != null && !rateLimits.finish(request, response, pending)) {
          return;
        }
      }
    }
    proceed(request, response, chain, type, path, lookup, stateful);
  }

  /**
   * Parks the request until {@code pending} is answered; false, with nothing parked, if the
   * container refuses to start async (the decision is then waited for here).
   */
  private static boolean park(
      HttpServletRequest request,
      ArmetRequest stateful,
      ServletResponse res,
      @Nullable SessionLookup lookup,
      PendingDecision pending) {
    ServletRequest req = stateful.getRequest();
    // The ASYNC dispatch gets the request without this filter's wrapper: it finds the state (and
    // the parked decision) in the container's attributes.
    stateful.publish();
    AsyncContext context;
    try {
      // With the request and response as the filter got them, so that an earlier filter's
      // wrappers reach the application on the resumed dispatch too.
      context = req.startAsync(req, res);
    } catch (IllegalStateException | UnsupportedOperationException refused) {
      return false;
    }
    ParkedRequest parked = new ParkedRequest(lookup, pending, context);
    RequestState.of(request).park(parked);
    pending.whenAnswered(parked); // after park(): the dispatch must find it
    return true;
  }

  /**
   * The request this filter parked, on its ASYNC dispatch: the decision is taken (once, here, so
   * that a store failure's event names the request), then the request goes on exactly as a
   * synchronous one would have after its decision.
   */
  private void resume(
      HttpServletRequest request,
      HttpServletResponse response,
      FilterChain chain,
      ArmetRequest stateful,
      ParkedRequest parked)
      throws IOException, ServletException {
    if (!Objects.requireNonNull(rateLimits).finish(request, response, parked.decision)) {
      return;
    }
    String path = RequestPaths.contextRelative(request);
    proceed(request, response, chain, DispatcherType.REQUEST, path, parked.lookup, stateful);
  }

  /** Everything after the rate-limit decision: the CSP report endpoint, session, CSRF, the app. */
  private void proceed(
      HttpServletRequest request,
      HttpServletResponse response,
      FilterChain chain,
      DispatcherType type,
      String path,
      @Nullable SessionLookup lookup,
      ArmetRequest stateful)
      throws IOException, ServletException {
    // Behind the rate limits: an unauthenticated endpoint that records events must be limited
    // like any other route.
    if (type == DispatcherType.REQUEST && reports != null && reports.handles(path)) {
      stateful.publish(); // its refusals are sendError: the error page's dispatch finds the nonce
      reports.receive(request, response);
      return;
    }
    boolean checkCsrf = type == DispatcherType.REQUEST && csrf != null;
    if (sessions == null) {
      HttpServletResponse out = new ResetSafeResponse(response, null, stateful);
      if (checkCsrf && !Objects.requireNonNull(csrf).apply(request, out)) {
        return;
      }
      chain.doFilter(request, out);
      return;
    }
    // Error pages get the session too (re-opened from the cookie), so that their getSession()
    // never falls back to the container's.
    SessionExchange exchange =
        SessionExchange.begin(sessions, Objects.requireNonNull(lookup), request, response);
    // One response wrapper: the session's commit hooks, the headers' reset and the publishing.
    HttpServletResponse out = new ResetSafeResponse(exchange.rawResponse(), exchange, stateful);
    try {
      if (!checkCsrf || Objects.requireNonNull(csrf).apply(exchange.request(), out)) {
        chain.doFilter(exchange.request(), out);
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
