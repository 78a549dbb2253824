package dev.armet.internal.servlet.jetty;

import dev.armet.headers.SecurityHeaders;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.PreEncodedHttpField;

/**
 * A policy's {@linkplain SecurityHeaders#constantHeaders constant headers} as Jetty {@link
 * PreEncodedHttpField}s, encoded once (one set with HSTS for secure requests, one without), which
 * Jetty copies as bytes instead of serialising some 800 bytes of {@code String} fields one
 * character at a time per response. Used by the filter on Jetty ({@link JettyPreEncodedHeaders})
 * and by armet-server's core handler in front of the servlet context.
 */
public final class PreEncodedFields {
  private final HttpField[] secure;
  private final HttpField[] plain;

  private PreEncodedFields(SecurityHeaders policy) {
    this.secure = encode(policy.constantHeaders(true));
    this.plain = encode(policy.constantHeaders(false));
  }

  /** The constant headers of {@code policy}, encoded now. */
  public static PreEncodedFields of(SecurityHeaders policy) {
    return new PreEncodedFields(policy);
  }

  /**
   * Adds the set for a secure or a plain request to {@code fields}, one value per header: appended
   * when none of their names is there yet (Jetty's own Date and Server fields usually are, and
   * {@code put} would walk the fields once per header), otherwise each replaces the fields of its
   * name (something earlier wrote one of them: replace, never duplicate).
   */
  public void addTo(HttpFields.Mutable fields, boolean isSecure) {
    HttpField[] constant = isSecure ? secure : plain;
    if (holdsAny(fields, constant)) {
      for (HttpField f : constant) {
        fields.put(f);
      }
    } else {
      for (HttpField f : constant) {
        fields.add(f);
      }
    }
  }

  /** Whether {@code fields} already has a field named like one of {@code constant}. */
  private static boolean holdsAny(HttpFields fields, HttpField[] constant) {
    // One iterator: getField(i) on Jetty's wrapped fields walks a new iterator per index.
    for (HttpField existing : fields) {
      for (HttpField f : constant) {
        if (existing.is(f.getName())) {
          return true;
        }
      }
    }
    return false;
  }

  private static HttpField[] encode(Map<String, String> headers) {
    HttpField[] out = new HttpField[headers.size()];
    int i = 0;
    for (Map.Entry<String, String> e : headers.entrySet()) {
      out[i++] = new PreEncodedHttpField(e.getKey(), e.getValue());
    }
    return out;
  }
}
