package dev.armet.servlet;

import jakarta.servlet.http.HttpServletRequest;

/** The path policies match on: decoded and normalized by the container, without context path. */
final class RequestPaths {
  private RequestPaths() {}

  static String contextRelative(HttpServletRequest request) {
    String servletPath = request.getServletPath();
    String pathInfo = request.getPathInfo();
    if (pathInfo == null) {
      return servletPath == null || servletPath.isEmpty() ? "/" : servletPath;
    }
    return servletPath == null || servletPath.isEmpty() ? pathInfo : servletPath + pathInfo;
  }
}
