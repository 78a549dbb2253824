package dev.armet.internal.servlet.jetty;

import dev.armet.internal.servlet.FilterMappingView;
import jakarta.servlet.FilterConfig;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The filter mappings of the Jetty 12 context a filter was initialised in (ee10 or ee11), in chain
 * order. This class needs Jetty to link: load it only after {@link #EE10} or {@link #EE11} loaded.
 */
public final class JettyFilterMappings {
  /** Jetty's ee10 servlet context handler. */
  public static final String EE10 = "org.eclipse.jetty.ee10.servlet.ServletContextHandler";

  /** Jetty's ee11 servlet context handler. */
  public static final String EE11 = "org.eclipse.jetty.ee11.servlet.ServletContextHandler";

  private JettyFilterMappings() {}

  /** The mappings of {@code config}'s context, or null when it is not a Jetty context here. */
  public static @Nullable List<FilterMappingView> of(
      FilterConfig config, boolean ee10, boolean ee11) {
    List<FilterMappingView> found = ee10 ? Ee10Mappings.of(config.getServletContext()) : null;
    if (found == null && ee11) {
      found = Ee11Mappings.of(config.getServletContext());
    }
    return found;
  }
}
