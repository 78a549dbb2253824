package dev.armet.audit.internal;

import dev.armet.audit.UnreachableTargetException;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fetches what the Observatory's retriever fetches: the site over http and over https (same host
 * and port as given), following up to 10 redirects each, then a CORS preflight.
 */
public final class Retriever {
  static final String CORS_ORIGIN = "https://http-observatory.security.mozilla.org";
  private static final int MAX_REDIRECTS = 10;

  private final HttpProbe probe;

  public Retriever(HttpProbe probe) {
    this.probe = probe;
  }

  /** The http and https URLs the Observatory would scan for the user's URL. */
  static URI counterpart(URI target, String scheme) {
    String authority = target.getRawAuthority();
    String path =
        target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
    return URI.create(
        scheme
            + "://"
            + authority
            + path
            + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery()));
  }

  /**
   * Fetches both chains.
   *
   * @throws UnreachableTargetException when neither http nor https answered
   */
  public Retrieval retrieve(URI target) throws UnreachableTargetException {
    List<String> errors = new ArrayList<>();
    List<Exchange> http = chain(counterpart(target, "http"), errors);
    List<Exchange> https = chain(counterpart(target, "https"), errors);
    if (http.isEmpty() && https.isEmpty()) {
      throw new UnreachableTargetException(
          target + " did not answer over http or https: " + String.join("; ", errors), null);
    }
    List<Exchange> session = https.isEmpty() ? http : https;
    boolean verified = session.stream().allMatch(Exchange::verified);
    Exchange cors = null;
    try {
      cors =
          probe.send(
              Request.get(session.get(session.size() - 1).url())
                  .method("OPTIONS")
                  .header("Access-Control-Request-Method", "GET")
                  .header("Origin", CORS_ORIGIN));
    } catch (IOException | BudgetExhaustedException e) {
      // no preflight answer: the CORS test sees none, as the Observatory's would
    }
    List<Exchange> cookieSources = new ArrayList<>(session);
    if (!verified && cors != null) {
      cookieSources.add(
          cors); // after a chain failure the Observatory's other client keeps cookies too
    }
    return new Retrieval(
        target.getRawAuthority(),
        http,
        http.stream().allMatch(Exchange::verified),
        https,
        https.stream().allMatch(Exchange::verified),
        jar(cookieSources),
        cors);
  }

  private List<Exchange> chain(URI start, List<String> errors) {
    List<Exchange> chain = new ArrayList<>();
    URI url = start;
    try {
      for (int i = 0; i <= MAX_REDIRECTS; i++) {
        Exchange e = probe.send(Request.get(url));
        chain.add(e);
        String location = e.headers().first("location");
        if (!e.isRedirect() || location == null || i == MAX_REDIRECTS) {
          break;
        }
        url = url.resolve(location.trim().replace(" ", "%20"));
      }
      return chain;
    } catch (IOException | IllegalArgumentException | BudgetExhaustedException e) {
      errors.add(
          start.getScheme() + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      // A chain that broke after its first answer failed as a whole for the Observatory too.
      return List.of();
    }
  }

  /** The cookies a jar keeps after these responses, a later one replacing an earlier namesake. */
  static List<SetCookie> jar(List<Exchange> responses) {
    Map<String, SetCookie> jar = new LinkedHashMap<>();
    for (Exchange e : responses) {
      for (String raw : e.headers().all("set-cookie")) {
        SetCookie c = SetCookie.parse(raw, e.url().getHost());
        if (c != null && c.acceptedByJar()) {
          String key =
              (c.domain() == null ? c.host() : c.domain()) + "|" + c.path() + "|" + c.name();
          jar.put(key, c);
        }
      }
    }
    return List.copyOf(jar.values());
  }
}
