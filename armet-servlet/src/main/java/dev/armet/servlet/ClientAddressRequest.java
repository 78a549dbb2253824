package dev.armet.servlet;

import dev.armet.internal.servlet.ArmetRequest;
import dev.armet.internal.servlet.RequestEndpoints;
import dev.armet.internal.servlet.RequestHeaders;
import dev.armet.net.ClientAddress;
import dev.armet.net.ClientAddressResolver;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A request as its real client sent it: behind trusted proxies, {@link #getRemoteAddr()}, {@link
 * #getRemoteHost()} (the address, never a DNS lookup), {@link #getScheme()}, {@link #isSecure()},
 * {@link #getServerName()}, {@link #getServerPort()} and {@link #getRequestURL()} report what
 * {@link ClientAddressResolver} resolved. Resolve first, so HSTS, {@code Secure} cookies and
 * rate-limit keys see the resolved values.
 *
 * <pre>{@code
 * HttpServletRequest resolved = ClientAddressRequest.resolve(request, resolver);
 * chain.doFilter(resolved, response);
 * }</pre>
 */
public final class ClientAddressRequest extends HttpServletRequestWrapper {
  /** Request attribute holding the resolved {@link ClientAddress}. */
  public static final String ATTRIBUTE = ClientAddress.class.getName();

  private static final ClientAddressResolver DIRECT =
      ClientAddressResolver.builder().events(event -> {}).build();

  /** The request's own endpoints, read without a string per call on Jetty. */
  private static final RequestEndpoints ENDPOINTS = RequestEndpoints.forContainer();

  private final ClientAddress client;

  private ClientAddressRequest(HttpServletRequest request, ClientAddress client) {
    super(request);
    this.client = client;
  }

  /**
   * Resolves {@code request} once (an ERROR or FORWARD dispatch reuses the first answer), stores
   * the answer in {@link #ATTRIBUTE}, and returns the request to pass on: wrapped when a proxy's
   * header changed anything, else {@code request} itself.
   */
  public static HttpServletRequest resolve(
      HttpServletRequest request, ClientAddressResolver resolver) {
    Object existing = request.getAttribute(ATTRIBUTE);
    ClientAddress client;
    if (existing instanceof ClientAddress) {
      client = (ClientAddress) existing;
    } else {
      client =
          resolver.resolve(
              ENDPOINTS.remoteAddr(request),
              request.getScheme(),
              ENDPOINTS.serverName(request),
              ENDPOINTS.serverPort(request),
              request instanceof ArmetRequest
                  ? (ArmetRequest) request
                  : name -> RequestHeaders.joined(request, name));
      request.setAttribute(ATTRIBUTE, client);
    }
    return client.isForwarded() ? new ClientAddressRequest(request, client) : request;
  }

  /** The resolved client of {@code request}: from {@link #ATTRIBUTE}, else the socket peer. */
  public static ClientAddress of(HttpServletRequest request) {
    Object existing = request.getAttribute(ATTRIBUTE);
    if (existing instanceof ClientAddress) {
      return (ClientAddress) existing;
    }
    return DIRECT.resolve(
        ENDPOINTS.remoteAddr(request),
        request.getScheme(),
        ENDPOINTS.serverName(request),
        ENDPOINTS.serverPort(request),
        name -> null);
  }

  public ClientAddress clientAddress() {
    return client;
  }

  @Override
  public String getRemoteAddr() {
    return client.address();
  }

  @Override
  public String getRemoteHost() {
    return client.address();
  }

  @Override
  public String getScheme() {
    return client.scheme();
  }

  @Override
  public boolean isSecure() {
    return client.isSecure();
  }

  @Override
  public String getServerName() {
    return client.host();
  }

  @Override
  public int getServerPort() {
    return client.port();
  }

  @Override
  public StringBuffer getRequestURL() {
    StringBuffer url = new StringBuffer(client.scheme()).append("://");
    String host = client.host();
    url.append(host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host);
    boolean defaultPort = client.port() == ("https".equals(client.scheme()) ? 443 : 80);
    if (!defaultPort && client.port() > 0) {
      url.append(':').append(client.port());
    }
    return url.append(getRequestURI());
  }
}
