package dev.armet.bench;

import dev.armet.cookie.RequestCookies;
import dev.armet.csrf.CsrfProtection;
import dev.armet.csrf.CsrfRequest;
import dev.armet.csrf.CsrfResponse;
import dev.armet.csrf.CsrfToken;
import dev.armet.env.ArmetEnvironment;
import dev.armet.http.Origin;
import dev.armet.keys.Keyring;
import dev.armet.keys.Secrets;
import dev.armet.session.Session;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * CSRF token costs through the public API: masking one token, the whole decision for a page that
 * shows a form (new and returning client), and for a form post that verifies.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CsrfBenchmark {
  CsrfProtection protection;
  CsrfToken token;
  View newClientGet;
  View returningGet;
  View post;
  View crossSitePost;

  @Setup
  public void setUp() {
    Keyring ring =
        Keyring.create(k -> k.environment(ArmetEnvironment.PRODUCTION).secret(Secrets.generate()));
    protection =
        CsrfProtection.create(
            c -> c.environment(ArmetEnvironment.PRODUCTION).keyring(ring).events(e -> {}));
    Recorder first = new Recorder();
    newClientGet = new View("GET", Map.of(), null);
    token = protection.check(newClientGet, first).token().orElseThrow();
    String masked = token.getToken();
    String cookie = first.setCookie.substring(0, first.setCookie.indexOf(';'));
    returningGet = new View("GET", Map.of(), cookie);
    post =
        new View(
            "POST",
            Map.of(
                "origin",
                "https://app.example",
                "sec-fetch-site",
                "same-origin",
                "x-csrf-token",
                masked),
            cookie);
    crossSitePost =
        new View(
            "POST",
            Map.of("origin", "https://evil.example", "sec-fetch-site", "cross-site"),
            cookie);
    if (!protection.check(post, new Recorder()).isAllowed()) {
      throw new IllegalStateException("benchmark setup: the post does not verify");
    }
  }

  /** Masking the secret afresh: 64 bytes of SecureRandom, XOR, base64url. */
  @Benchmark
  public String mask() {
    return token.getToken();
  }

  /** First form for a new client: new secret, signed cookie, masked token. */
  @Benchmark
  public String mintForNewClient() {
    return protection.check(newClientGet, new Recorder()).token().orElseThrow().getToken();
  }

  /** A form page for a returning client: verify the cookie's HMAC, mask. */
  @Benchmark
  public String mintForReturningClient() {
    return protection.check(returningGet, new Recorder()).token().orElseThrow().getToken();
  }

  /**
   * A same-origin form post: Fetch Metadata, Origin, cookie HMAC, unmask, constant-time compare.
   */
  @Benchmark
  public boolean verifyPost() {
    return protection.check(post, new Recorder()).isAllowed();
  }

  /** A cross-site post refused at layer 1 (event sink discards). */
  @Benchmark
  public boolean refuseCrossSite() {
    return protection.check(crossSitePost, new Recorder()).isAllowed();
  }

  /** A fixed request over HTTPS for {@code https://app.example}, without Armet sessions. */
  static final class View implements CsrfRequest {
    private static final Origin SERVER = Origin.parse("https://app.example");
    private final String method;
    private final Map<String, String> headers;
    private final RequestCookies cookies;

    View(String method, Map<String, String> headers, String cookie) {
      this.method = method;
      this.headers = headers;
      this.cookies = RequestCookies.parse(cookie);
    }

    @Override
    public String method() {
      return method;
    }

    @Override
    public String path() {
      return "/notes";
    }

    @Override
    public String header(String name) {
      return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public String queryString() {
      return null;
    }

    @Override
    public String formField(String name) {
      return null;
    }

    @Override
    public Origin serverOrigin() {
      return SERVER;
    }

    @Override
    public boolean isSecure() {
      return true;
    }

    @Override
    public RequestCookies cookies() {
      return cookies;
    }

    @Override
    public Optional<Session> session() {
      return Optional.empty();
    }
  }

  /** Keeps the last Set-Cookie; everything else is dropped. */
  static final class Recorder implements CsrfResponse {
    String setCookie;

    @Override
    public void addHeader(String name, String value) {
      if (name.equals("Set-Cookie")) {
        setCookie = value;
      }
    }

    @Override
    public boolean isCommitted() {
      return false;
    }
  }
}
