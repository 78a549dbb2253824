package dev.armet.bench;

import dev.armet.headers.SecurityHeaders;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * A prototype of a Jetty-native way to send Armet's fixed headers: a core handler in front of the
 * servlet context that adds them as {@link PreEncodedHttpField}s, encoded once at start-up, instead
 * of as strings through {@code HttpServletResponse#setHeader}. For the load benchmark's {@code
 * preencoded-headers} target only: it has none of the filter's per-request behaviour.
 */
final class PreEncodedHeadersHandler extends Handler.Wrapper {
  private final HttpField[] fields;

  PreEncodedHeadersHandler(Handler next) {
    super(next);
    List<HttpField> list = new ArrayList<>();
    SecurityHeaders.defaults()
        .write((n, v) -> list.add(new PreEncodedHttpField(n, v)), false, "/", null);
    this.fields = list.toArray(new HttpField[0]);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    HttpFields.Mutable headers = response.getHeaders();
    for (HttpField f : fields) {
      headers.add(f);
    }
    return super.handle(request, response, callback);
  }
}
