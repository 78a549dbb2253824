package dev.armet.bench;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.lang.reflect.Proxy;

/**
 * A reusable GET request for JMH: what a filter reads of a direct client's request (peer address,
 * scheme, host, port, path, two attributes) in fields, so that measuring a filter step measures the
 * step and not a container. Any other method reaches a proxy that throws, so a step that starts
 * using more of the request fails loudly instead of measuring something else. One per thread;
 * {@link #next} starts a new request.
 */
final class BenchRequest extends HttpServletRequestWrapper {
  private String remoteAddr = "203.0.113.9";
  private String name1;
  private Object value1;
  private String name2;
  private Object value2;

  BenchRequest() {
    super(unsupported(HttpServletRequest.class));
  }

  /** A new request from {@code remoteAddr}: no attributes. */
  BenchRequest next(String remoteAddr) {
    this.remoteAddr = remoteAddr;
    name1 = null;
    value1 = null;
    name2 = null;
    value2 = null;
    return this;
  }

  /** A response no allowed request touches: every method throws. */
  static HttpServletResponse response() {
    return new HttpServletResponseWrapper(unsupported(HttpServletResponse.class));
  }

  @SuppressWarnings("unchecked")
  private static <T> T unsupported(Class<T> type) {
    return (T)
        Proxy.newProxyInstance(
            BenchRequest.class.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> {
              throw new UnsupportedOperationException("bench request: " + method.getName());
            });
  }

  @Override
  public String getRemoteAddr() {
    return remoteAddr;
  }

  @Override
  public String getScheme() {
    return "http";
  }

  @Override
  public String getServerName() {
    return "app.example";
  }

  @Override
  public int getServerPort() {
    return 8080;
  }

  @Override
  public String getMethod() {
    return "GET";
  }

  @Override
  public String getServletPath() {
    return "/";
  }

  @Override
  public String getPathInfo() {
    return null;
  }

  @Override
  public DispatcherType getDispatcherType() {
    return DispatcherType.REQUEST;
  }

  @Override
  public Object getAttribute(String name) {
    if (name.equals(name1)) {
      return value1;
    }
    return name.equals(name2) ? value2 : null;
  }

  @Override
  public void setAttribute(String name, Object o) {
    if (name1 == null || name1.equals(name)) {
      name1 = name;
      value1 = o;
    } else if (name2 == null || name2.equals(name)) {
      name2 = name;
      value2 = o;
    } else {
      throw new UnsupportedOperationException("bench request: a third attribute " + name);
    }
  }

  @Override
  public void removeAttribute(String name) {
    if (name.equals(name1)) {
      name1 = null;
      value1 = null;
    } else if (name.equals(name2)) {
      name2 = null;
      value2 = null;
    }
  }
}
