package dev.armet.internal.servlet;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The path policies match on: decoded and normalized by the container, without the context path
 * ({@code servletPath + pathInfo}). Header policies, HTTP rate limits and CSRF exemptions all match
 * this one form, so a path cannot be spelled to pass one and not another.
 */
public final class RequestPaths {
  private RequestPaths() {}

  /** {@code servletPath + pathInfo}, {@code "/"} when both are empty. */
  public static String contextRelative(HttpServletRequest request) {
    String servletPath = request.getServletPath();
    String pathInfo = request.getPathInfo();
    if (pathInfo == null) {
      return servletPath == null || servletPath.isEmpty() ? "/" : servletPath;
    }
    return servletPath == null || servletPath.isEmpty() ? pathInfo : servletPath + pathInfo;
  }
}
