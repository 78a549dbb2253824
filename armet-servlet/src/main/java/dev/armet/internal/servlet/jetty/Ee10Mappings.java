package dev.armet.internal.servlet.jetty;

import dev.armet.internal.servlet.FilterMappingView;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContext;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.FilterMapping;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.jspecify.annotations.Nullable;

/** Jetty's ee10 filter mappings. */
final class Ee10Mappings {
  private Ee10Mappings() {}

  static @Nullable List<FilterMappingView> of(ServletContext context) {
    ServletContextHandler handler;
    try {
      handler = ServletContextHandler.getServletContextHandler(context);
    } catch (RuntimeException notJettys) {
      return null;
    }
    if (handler == null) {
      return null;
    }
    FilterMapping[] mappings = handler.getServletHandler().getFilterMappings();
    List<FilterMappingView> out = new ArrayList<>();
    for (FilterMapping m : mappings == null ? new FilterMapping[0] : mappings) {
      String[] servlets = m.getServletNames();
      out.add(
          new FilterMappingView(
              m.getFilterName(),
              m.appliesTo(DispatcherType.REQUEST),
              m.appliesTo(DispatcherType.ASYNC),
              servlets != null && servlets.length > 0));
    }
    return out;
  }
}
