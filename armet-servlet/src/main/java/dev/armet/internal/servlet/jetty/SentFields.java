package dev.armet.internal.servlet.jetty;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Response;

/**
 * The fields Jetty sends for a servlet context's response: those of the connection's own response,
 * reached past the servlet layer's wrapper when that wrapper wraps them directly.
 *
 * <p>Why past it (issue 18): Jetty's servlet layer wraps the connection's fields to follow {@code
 * Content-Type}, {@code Content-Length} and the like, none of which is a constant security header.
 * Adding or walking through that wrapper too put one more kind of field list through Jetty's shared
 * {@code HttpFields} code, and the JIT then stopped removing the iterator that Jetty's HTTP/1
 * generator makes for each field it writes: some 400 bytes per response. When anything between the
 * two keeps fields of its own (a core handler's response wrapper), the servlet layer's fields are
 * used, as before.
 */
final class SentFields {
  private SentFields() {}

  /** The fields to add the constant headers to, for Jetty's servlet context response. */
  @SuppressWarnings("ReferenceEquality") // the same list, not an equal one
  static HttpFields.Mutable of(Response contextResponse) {
    HttpFields.Mutable seen = contextResponse.getHeaders();
    HttpFields.Mutable sent = Response.getOriginalResponse(contextResponse).getHeaders();
    return seen instanceof HttpFields.Mutable.Wrapper
            && ((HttpFields.Mutable.Wrapper) seen).getWrapped() == sent
        ? sent
        : seen;
  }
}
