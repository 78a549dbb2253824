package dev.armet.internal.servlet.jetty;

import jakarta.servlet.ServletResponse;
import org.eclipse.jetty.ee10.servlet.ServletApiResponse;
import org.eclipse.jetty.http.HttpFields;
import org.jspecify.annotations.Nullable;

/** Jetty's ee10 servlet response: its core response holds the fields that are sent. */
final class Ee10Responses implements JettyResponses {
  @Override
  public HttpFields.@Nullable Mutable fieldsOf(ServletResponse response) {
    return response instanceof ServletApiResponse
        ? SentFields.of(((ServletApiResponse) response).getResponse())
        : null;
  }
}
