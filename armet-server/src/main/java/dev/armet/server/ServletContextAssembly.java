package dev.armet.server;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.MultipartConfigElement;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ResourceServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * Builds the one servlet context: {@code ArmetFilter} on {@code /*} for {@code REQUEST}, {@code
 * ASYNC} and {@code ERROR} (ASYNC so that a filter built with {@code asyncStoreCalls} can park a
 * request while its rate-limit store decides and resume it; an application's own async dispatches
 * pass through it untouched, as before), the application's servlets, static folders, and Armet's
 * error page.
 */
final class ServletContextAssembly {
  private ServletContextAssembly() {}

  static ServletContextHandler create(ArmetServerConfig config) {
    ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
    context.setContextPath("/");
    context.setDisplayName("armet");
    context.setErrorHandler(
        new ContextErrorHandler(config.filter().headers(), config.environment()));
    RequestLimits limits = config.limits();
    // Jetty counts form fields and multipart parts against the same key limit.
    context.setMaxFormKeys(limits.maxParameters());
    context.setMaxFormContentSize((int) Math.min(limits.maxBodyBytes(), Integer.MAX_VALUE));
    MultipartConfigElement multipart =
        new MultipartConfigElement(
            "",
            limits.maxPartBytes(),
            limits.maxBodyBytes(),
            (int) Math.min(limits.maxPartBytes(), 64 * 1024));

    FilterHolder filter = new FilterHolder(config.filter());
    filter.setName("armet");
    filter.setAsyncSupported(true);
    context.addFilter(
        filter,
        "/*",
        EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR));

    ServletHolder errors =
        new ServletHolder("armet-error", new ErrorPageServlet(config.environment()));
    context.addServlet(errors, ErrorPageServlet.PATH);

    int n = 0;
    for (ArmetServerConfig.ServletMount mount : config.servlets()) {
      ServletHolder holder = new ServletHolder("servlet-" + n++, mount.servlet());
      holder.setAsyncSupported(true);
      holder.getRegistration().setMultipartConfig(multipart);
      context.addServlet(holder, mount.pathSpec());
    }
    for (ArmetServerConfig.StaticMount mount : config.staticResources()) {
      ServletHolder holder = new ServletHolder("static-" + n++, ResourceServlet.class);
      holder.setInitParameter("baseResource", mount.base().toString());
      holder.setInitParameter("dirAllowed", "false");
      holder.setInitParameter("etags", "true");
      holder.setAsyncSupported(true);
      // "/" makes the folder the default servlet: the whole site, below the application's routes.
      context.addServlet(holder, mount.urlPrefix().equals("/") ? "/" : mount.urlPrefix() + "/*");
    }
    return context;
  }
}
