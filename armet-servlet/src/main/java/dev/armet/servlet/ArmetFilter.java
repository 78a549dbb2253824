package dev.armet.servlet;

import dev.armet.event.SecurityEventSink;
import dev.armet.headers.CspNonce;
import dev.armet.headers.SecurityHeaders;
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

/**
 * The one filter an application registers: applies Armet's policies to every request.
 *
 * <p>Security headers are written before the application runs, so they are on every kind of
 * response: normal, {@code sendError}, {@code sendRedirect}, flushed early, static, HEAD and
 * async. A header the application sets afterwards wins (as in Spring Security); a
 * {@code response.reset()} puts the policy back. {@link ArmetHeaders#of} adjusts one response.
 * When the policy uses a CSP nonce, it is in the request attribute {@link #CSP_NONCE}.
 *
 * <p>Register it for {@code /*} with dispatcher types {@code REQUEST} and {@code ERROR}.
 *
 * <pre>{@code
 * ArmetFilter filter = ArmetFilter.create(a -> a
 *     .headers(h -> h.contentSecurityPolicy(csp -> csp.nonce("script-src")
 *         .reportUri(ArmetFilter.DEFAULT_CSP_REPORT_PATH))));
 * context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(REQUEST, ERROR));
 * }</pre>
 */
public final class ArmetFilter implements Filter {
  /** Request attribute holding this response's CSP nonce (a String), when the policy uses one. */
  public static final String CSP_NONCE = "armet.cspNonce";
  /** Where the built-in CSP violation report endpoint listens unless configured otherwise. */
  public static final String DEFAULT_CSP_REPORT_PATH = "/_armet/csp-report";

  private final SecurityHeaders headers;
  private final CspReportEndpoint reports;

  private ArmetFilter(Builder b) {
    this.headers = b.headers;
    this.reports = b.cspReportPath == null ? null
        : new CspReportEndpoint(b.cspReportPath, b.maxReportBytes, b.events);
  }

  /** A filter with every default: Helmet-grade headers, report endpoint on. */
  public static ArmetFilter defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A filter configured by {@code config}, starting from the defaults. */
  public static ArmetFilter create(Consumer<Builder> config) {
    Builder b = builder();
    config.accept(b);
    return b.build();
  }

  /** The header policy in force. */
  public SecurityHeaders headers() {
    return headers;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    if (!(req instanceof HttpServletRequest) || !(res instanceof HttpServletResponse)) {
      chain.doFilter(req, res);
      return;
    }
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;
    DispatcherType type = request.getDispatcherType();
    if (type != DispatcherType.REQUEST && type != DispatcherType.ERROR) {
      chain.doFilter(req, res);
      return;
    }
    String path = RequestPaths.contextRelative(request);
    if (type == DispatcherType.REQUEST && reports != null && reports.handles(path)) {
      headers.write(response::setHeader, request.isSecure(), path, null);
      reports.receive(request, response);
      return;
    }
    ArmetHeaders applied = applyHeaders(request, response, path);
    chain.doFilter(request, new ResetSafeResponse(response, applied));
  }

  private ArmetHeaders applyHeaders(HttpServletRequest request, HttpServletResponse response, String path) {
    Object existing = request.getAttribute(ArmetHeaders.ATTRIBUTE);
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
    request.setAttribute(ArmetHeaders.ATTRIBUTE, applied);
    headers.write(response::setHeader, secure, path, nonce);
    return applied;
  }

  /** Builds an {@link ArmetFilter}; every setting has a secure default. */
  public static final class Builder {
    private SecurityHeaders headers = SecurityHeaders.defaults();
    private String cspReportPath = DEFAULT_CSP_REPORT_PATH;
    private int maxReportBytes = 16 * 1024;
    private SecurityEventSink events = SecurityEventSink.logging();

    private Builder() {}

    public Builder headers(SecurityHeaders headers) {
      this.headers = Objects.requireNonNull(headers, "headers");
      return this;
    }

    /** Adjusts the header policy, starting from the current one. */
    public Builder headers(Consumer<SecurityHeaders.Builder> config) {
      SecurityHeaders.Builder b = headers.toBuilder();
      config.accept(b);
      this.headers = b.build();
      return this;
    }

    /** Where the CSP report endpoint listens; null turns it off. */
    public Builder cspReportPath(String path) {
      if (path != null && !path.startsWith("/")) {
        throw new IllegalArgumentException("cspReportPath must start with '/', was '" + path + "'");
      }
      this.cspReportPath = path;
      return this;
    }

    /** The largest CSP report body accepted (default 16 KiB); larger ones get 413. */
    public Builder maxReportBytes(int bytes) {
      if (bytes < 512 || bytes > 1 << 20) {
        throw new IllegalArgumentException("maxReportBytes must be between 512 and 1048576, was " + bytes);
      }
      this.maxReportBytes = bytes;
      return this;
    }

    /** Where security events go (default: the {@code armet.security} logger). */
    public Builder events(SecurityEventSink events) {
      this.events = Objects.requireNonNull(events, "events");
      return this;
    }

    public ArmetFilter build() {
      return new ArmetFilter(this);
    }
  }
}
