package dev.armet.internal.servlet.jetty;

import dev.armet.headers.SecurityHeaders;
import dev.armet.internal.servlet.PreEncodedHeaders;
import jakarta.servlet.ServletResponse;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.http.HttpFields;
import org.jspecify.annotations.Nullable;

/**
 * Jetty 12's fast path for the constant security headers: {@link PreEncodedFields}, added to the
 * core response behind Jetty's own servlet response.
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
  private final PreEncodedFields constant;

  private JettyPreEncodedHeaders(SecurityHeaders policy, JettyResponses[] responses) {
    this.responses = responses;
    this.constant = PreEncodedFields.of(policy);
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
    constant.addTo(fields, secure);
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
}
