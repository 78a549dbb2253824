package dev.armet.internal.servlet;

import dev.armet.headers.SecurityHeaders;
import dev.armet.internal.servlet.jetty.JettyPreEncodedHeaders;
import jakarta.servlet.ServletResponse;

/**
 * Writes a policy's {@linkplain SecurityHeaders#constantHeaders constant headers} straight into the
 * container's own response, encoded once per filter, where the container allows it (Jetty 12's ee10
 * and ee11 servlet environments). The Servlet API has no way to hand a container pre-encoded bytes,
 * so everywhere else (Tomcat, Undertow, a response wrapped by an earlier filter) {@link #add}
 * answers false and the filter writes the headers through {@code setHeader} as before.
 */
public interface PreEncodedHeaders {
  /** Never writes: the filter always uses {@code setHeader}. */
  PreEncodedHeaders NONE = (response, secure) -> false;

  /**
   * Adds the constant headers for a secure or a plain request to {@code response}, replacing any
   * field of the same name already there, and answers true; or writes nothing and answers false
   * when {@code response} is not the container's own.
   */
  boolean add(ServletResponse response, boolean secure);

  /**
   * Pre-encoded headers of {@code policy} for the container on the class path, or {@link #NONE}.
   */
  static PreEncodedHeaders forPolicy(SecurityHeaders policy) {
    // Probed by name first: JettyPreEncodedHeaders cannot even link without Jetty.
    boolean ee10 = OptionalClasses.loadable(JettyPreEncodedHeaders.EE10);
    boolean ee11 = OptionalClasses.loadable(JettyPreEncodedHeaders.EE11);
    if (!ee10 && !ee11) {
      return NONE;
    }
    return JettyPreEncodedHeaders.create(policy, ee10, ee11);
  }
}
