package dev.armet.internal.servlet.jetty;

import dev.armet.headers.SecurityHeaders;
import dev.armet.internal.servlet.PreEncodedHeaders;
import jakarta.servlet.ServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.jspecify.annotations.Nullable;

/**
 * Jetty 12's fast path for the constant security headers: {@link PreEncodedHttpField}s, encoded
 * once (one set with HSTS for secure requests, one without), added to the core response behind
 * Jetty's own servlet response. Jetty copies them as bytes instead of serialising some 800 bytes of
 * {@code String} fields one character at a time on every response.
 *
 * <p>Only Jetty's own response object is reached, never one wrapped by an earlier filter: a wrapper
 * may intercept {@code setHeader}, and going around it would change what it sees. The Jetty servlet
 * classes are optional ({@code requires static}); this class is loaded only after {@link
 * PreEncodedHeaders#forPolicy} found them.
 */
public final class JettyPreEncodedHeaders implements PreEncodedHeaders {
  /** Jetty's ee10 servlet response, which must load before {@link #create} is asked for ee10. */
  public static final String EE10 = "org.eclipse.jetty.ee10.servlet.ServletApiResponse";

  /** Jetty's ee11 servlet response, which must load before {@link #create} is asked for ee11. */
  public static final String EE11 = "org.eclipse.jetty.ee11.servlet.ServletApiResponse";

  private final JettyResponses[] responses;
  private final HttpField[] secureFields;
  private final HttpField[] plainFields;

  private JettyPreEncodedHeaders(SecurityHeaders policy, JettyResponses[] responses) {
    this.responses = responses;
    this.secureFields = encode(policy.constantHeaders(true));
    this.plainFields = encode(policy.constantHeaders(false));
  }

  /**
   * The fast path for {@code policy} in the environments named. Call it only when the classes of
   * those environments load: this class itself needs Jetty to link.
   */
  public static PreEncodedHeaders create(SecurityHeaders policy, boolean ee10, boolean ee11) {
    List<JettyResponses> found = new ArrayList<>(2);
    if (ee10) {
      found.add(new Ee10Responses());
    }
    if (ee11) {
      found.add(new Ee11Responses());
    }
    return new JettyPreEncodedHeaders(policy, found.toArray(new JettyResponses[0]));
  }

  @Override
  public boolean add(ServletResponse response, boolean secure) {
    HttpFields.Mutable fields = fieldsOf(response);
    if (fields == null) {
      return false;
    }
    HttpField[] constant = secure ? secureFields : plainFields;
    if (holdsAny(fields, constant)) {
      for (HttpField f : constant) {
        fields.put(f); // something before the filter wrote one of them: replace, never duplicate
      }
    } else {
      for (HttpField f : constant) {
        fields.add(f);
      }
    }
    return true;
  }

  /** Jetty's fields behind {@code response}, unless it is not Jetty's own or already committed. */
  private HttpFields.@Nullable Mutable fieldsOf(ServletResponse response) {
    for (JettyResponses r : responses) {
      HttpFields.Mutable fields = r.fieldsOf(response);
      if (fields != null) {
        return response.isCommitted() ? null : fields;
      }
    }
    return null;
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
