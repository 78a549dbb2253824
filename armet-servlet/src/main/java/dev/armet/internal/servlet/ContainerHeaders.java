package dev.armet.internal.servlet;

import dev.armet.headers.SecurityHeaders;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;

/**
 * A promise from the container to {@link dev.armet.servlet.ArmetFilter}: this request's response
 * already holds the policy's {@linkplain SecurityHeaders#constantHeaders constant headers} for one
 * kind of request (secure or not). The filter then writes only the per-request part (a CSP nonce,
 * the path-scoped headers), which spares the container re-encoding some 800 bytes of headers per
 * response. Set by a container integration (Armet's Jetty server pre-encodes the headers once at
 * start-up); applications never need it.
 *
 * <p>The filter keeps the promise only when it is about the filter's own policy and the request
 * kind the filter decides (after trusted proxies). Otherwise it removes what the container wrote
 * and writes the whole policy itself. {@code reset()} and {@code ERROR} dispatches always write the
 * whole policy.
 *
 * <pre>{@code
 * ContainerHeaders secure = ContainerHeaders.of(filter.headers(), true);   // once, at start-up
 * // per request, after writing secure.headers() onto the response:
 * request.setAttribute(ContainerHeaders.ATTRIBUTE, secure);
 * }</pre>
 */
public final class ContainerHeaders {
  /** The request attribute holding the {@link ContainerHeaders} the container wrote. */
  public static final String ATTRIBUTE = ContainerHeaders.class.getName();

  private final SecurityHeaders policy;
  private final boolean secure;
  private final Map<String, String> headers;

  private ContainerHeaders(SecurityHeaders policy, boolean secure) {
    this.policy = policy;
    this.secure = secure;
    this.headers = Collections.unmodifiableMap(policy.constantHeaders(secure));
  }

  /** The constant headers of {@code policy} for a secure or a plain request. */
  public static ContainerHeaders of(SecurityHeaders policy, boolean secure) {
    return new ContainerHeaders(Objects.requireNonNull(policy, "policy"), secure);
  }

  /** What the container writes: header names and values, in the policy's order. */
  public Map<String, String> headers() {
    return headers;
  }

  /** Whether these are the headers of a secure request (HSTS included). */
  public boolean secure() {
    return secure;
  }

  /**
   * Whether these are exactly the constant headers {@code policy} wants on this kind of request.
   */
  public boolean covers(SecurityHeaders policy, boolean secure) {
    return this.policy == policy && this.secure == secure;
  }
}
