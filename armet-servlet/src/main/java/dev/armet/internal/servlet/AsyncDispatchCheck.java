package dev.armet.internal.servlet;

import dev.armet.internal.servlet.jetty.JettyFilterMappings;
import jakarta.servlet.FilterConfig;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Whether a filter may park a request and resume it on an ASYNC dispatch: only if that dispatch
 * reaches it again, and every filter after it too. Otherwise the resumed request would reach the
 * application without the filter's session and CSRF checks, or without a later filter's. The
 * Servlet API does not list a filter's dispatcher types; on Jetty 12 (ee10, ee11) the mappings are
 * read from the servlet handler. Elsewhere the check cannot be made and the documented registration
 * is trusted.
 */
public final class AsyncDispatchCheck {
  /** What {@link #problem} answers when the container does not tell. */
  public static final String UNVERIFIABLE = "";

  private AsyncDispatchCheck() {}

  /**
   * Null when the mappings were read and allow resuming; {@link #UNVERIFIABLE} when they cannot be
   * read here; else why resuming must stay off (names filters, never request data).
   */
  public static @Nullable String problem(FilterConfig config) {
    boolean ee10 = OptionalClasses.loadable(JettyFilterMappings.EE10);
    boolean ee11 = OptionalClasses.loadable(JettyFilterMappings.EE11);
    List<FilterMappingView> mappings =
        ee10 || ee11 ? JettyFilterMappings.of(config, ee10, ee11) : null;
    return mappings == null ? UNVERIFIABLE : problem(config.getFilterName(), mappings);
  }

  /** The check on mappings listed in chain order. */
  static @Nullable String problem(String self, List<FilterMappingView> mappings) {
    int first = -1;
    for (int i = 0; i < mappings.size(); i++) {
      FilterMappingView m = mappings.get(i);
      if (!m.filterName().equals(self)) {
        continue;
      }
      if (first < 0) {
        first = i;
      }
      if (m.request() && !m.async()) {
        return "filter '" + self + "' is mapped for REQUEST without ASYNC";
      }
    }
    if (first < 0) {
      return "filter '" + self + "' has no mapping of its own in its context";
    }
    for (int i = 0; i < mappings.size(); i++) {
      FilterMappingView m = mappings.get(i);
      boolean after = i > first || m.byServletName();
      if (after && !m.filterName().equals(self) && m.request() && !m.async()) {
        return "filter '"
            + m.filterName()
            + "' runs after '"
            + self
            + "' for REQUEST but not ASYNC: it would not see a resumed request";
      }
    }
    return null;
  }
}
