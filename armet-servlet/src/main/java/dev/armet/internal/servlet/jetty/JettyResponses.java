package dev.armet.internal.servlet.jetty;

import jakarta.servlet.ServletResponse;
import org.eclipse.jetty.http.HttpFields;
import org.jspecify.annotations.Nullable;

/** Reaches the core response's fields behind one Jetty servlet environment's own response. */
interface JettyResponses {
  /** The fields of the core response, or null when {@code response} is not this environment's. */
  HttpFields.@Nullable Mutable fieldsOf(ServletResponse response);
}
