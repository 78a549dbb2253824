package dev.armet.servlet;

import static dev.armet.servlet.ContainerHeadersTest.assertExactly;
import static dev.armet.servlet.ContainerHeadersTest.expected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.headers.SecurityHeaders;
import dev.armet.internal.servlet.PreEncodedHeaders;
import dev.armet.net.ClientAddressResolver;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.FilterMapping;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

/**
 * On Jetty 12 the filter itself adds the constant headers as pre-encoded fields, with the
 * guarantees of the {@code setHeader} path: one value per header, the filter's own "secure", and no
 * way around a response wrapper an earlier filter installed. Other containers get {@code
 * setHeader}.
 */
class JettyPreEncodedHeadersTest {
  /** Answers, as its body, "name=pre" or "name=plain" for each security header on the response. */
  static final class FieldKinds extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
      HttpFields fields =
          ServletContextRequest.getServletContextRequest(req)
              .getServletContextResponse()
              .getHeaders();
      res.getWriter().write(kinds(fields).toString());
    }
  }

  static Map<String, String> kinds(HttpFields fields) {
    Map<String, String> out = new TreeMap<>();
    for (HttpField f : fields) {
      String name = f.getName().toLowerCase(Locale.ROOT);
      if (java.util.Arrays.asList(ContainerHeadersTest.SECURITY_HEADERS).contains(name)) {
        out.merge(name, f instanceof PreEncodedHttpField ? "pre" : "plain", (a, b) -> a + "+" + b);
      }
    }
    return out;
  }

  static TestServer ee10(ArmetFilter filter) throws Exception {
    return new TestServer(filter, false).servlet("/kinds", new FieldKinds()).start();
  }

  /** With {@code earlier} mapped in front of the Armet filter. */
  static TestServer ee10(ArmetFilter filter, Filter earlier) throws Exception {
    TestServer s = new TestServer(filter, false).servlet("/kinds", new FieldKinds());
    FilterHolder holder = new FilterHolder(earlier);
    FilterMapping mapping = new FilterMapping();
    holder.setName("earlier");
    mapping.setFilterName("earlier");
    mapping.setPathSpec("/*");
    mapping.setDispatcherTypes(EnumSet.of(DispatcherType.REQUEST));
    s.context().getServletHandler().addFilter(holder);
    s.context().getServletHandler().prependFilterMapping(mapping);
    return s.start();
  }

  @Test
  void ee10_constantHeadersArePreEncoded_perRequestOnesAreNot() throws Exception {
    SecurityHeaders policy = SecurityHeaders.create(h -> h.noStore("/kinds"));
    ArmetFilter filter = ArmetFilter.create(a -> a.headers(policy).noSessions().noCsrf());
    try (TestServer s = ee10(filter)) {
      HttpResponse<String> response = s.get("/kinds");
      assertExactly(response, expected(policy, false, "/kinds", null));
      Map<String, String> kinds = new TreeMap<>();
      policy.constantHeaders(false).keySet().forEach(n -> kinds.put(lower(n), "pre"));
      kinds.put("cache-control", "plain"); // path-scoped: written per request
      assertThat(response.body()).isEqualTo(kinds.toString());
    }
  }

  @Test
  void ee10_trustedProxySaysHttps_hstsPreEncodedOnce() throws Exception {
    ArmetFilter filter =
        ArmetFilter.create(
            a ->
                a.noSessions()
                    .noCsrf()
                    .proxies(ClientAddressResolver.builder().trustedProxies("loopback").build()));
    try (TestServer s = ee10(filter)) {
      HttpResponse<String> response =
          s.send(
              HttpRequest.newBuilder(s.uri("/kinds"))
                  .header("X-Forwarded-For", "203.0.113.9")
                  .header("X-Forwarded-Proto", "https")
                  .build());
      assertExactly(response, expected(filter.headers(), true, "/kinds", null));
      assertThat(response.body()).contains("strict-transport-security=pre,");
      HttpResponse<String> plain = s.get("/kinds");
      assertExactly(plain, expected(filter.headers(), false, "/kinds", null));
    }
  }

  @Test
  void ee10_headerWrittenBeforeTheFilter_isReplacedNotDuplicated() throws Exception {
    ArmetFilter armet = ArmetFilter.create(a -> a.noSessions().noCsrf());
    Filter earlier =
        (req, res, chain) -> {
          ((HttpServletResponse) res).setHeader("X-Frame-Options", "ALLOW-FROM x");
          chain.doFilter(req, res);
        };
    try (TestServer s = ee10(armet, earlier)) {
      HttpResponse<String> response = s.get("/kinds");
      assertExactly(response, expected(armet.headers(), false, "/kinds", null));
      assertThat(response.body()).contains("x-frame-options=pre,");
    }
  }

  @Test
  void ee10_responseWrappedByAnEarlierFilter_getsSetHeader() throws Exception {
    ArmetFilter armet = ArmetFilter.create(a -> a.noSessions().noCsrf());
    Filter wrapping =
        (req, res, chain) ->
            chain.doFilter(req, new HttpServletResponseWrapper((HttpServletResponse) res));
    try (TestServer s = ee10(armet, wrapping)) {
      HttpResponse<String> response = s.get("/kinds");
      assertExactly(response, expected(armet.headers(), false, "/kinds", null));
      assertThat(response.body()).doesNotContain("=pre");
    }
  }

  @Test
  void ee10_aCoreWrapperWithFieldsOfItsOwn_isNotGoneAround() throws Exception {
    // A core handler in front of the context whose response keeps fields of its own: the constant
    // headers must pass through them, not straight to the connection's fields.
    List<String> seenByWrapper = new CopyOnWriteArrayList<>();
    Handler.Wrapper interposer =
        new Handler.Wrapper() {
          @Override
          public boolean handle(Request request, Response response, Callback callback)
              throws Exception {
            HttpFields.Mutable own =
                new HttpFields.Mutable.Wrapper(response.getHeaders()) {
                  @Override
                  public HttpField onAddField(HttpField field) {
                    seenByWrapper.add(lower(field.getName()));
                    return super.onAddField(field);
                  }
                };
            Response wrapped =
                new Response.Wrapper(request, response) {
                  @Override
                  public HttpFields.Mutable getHeaders() {
                    return own;
                  }
                };
            return super.handle(request, wrapped, callback);
          }
        };
    ArmetFilter armet = ArmetFilter.create(a -> a.noSessions().noCsrf());
    try (TestServer s =
        new TestServer(armet, false)
            .servlet("/kinds", new FieldKinds())
            .inFront(interposer)
            .start()) {
      HttpResponse<String> response = s.get("/kinds");
      assertExactly(response, expected(armet.headers(), false, "/kinds", null));
      assertThat(response.body()).contains("x-frame-options=pre,");
      assertThat(seenByWrapper).contains("x-frame-options", "content-security-policy");
    }
  }

  @Test
  void ee11_constantHeadersArePreEncoded() throws Exception {
    ArmetFilter filter = ArmetFilter.create(a -> a.noSessions().noCsrf());
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.addFilter(
        new org.eclipse.jetty.ee11.servlet.FilterHolder(filter),
        "/*",
        EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR));
    context.addServlet(
        new ServletHolder(
            new HttpServlet() {
              @Override
              protected void doGet(HttpServletRequest req, HttpServletResponse res)
                  throws IOException {
                HttpFields fields =
                    org.eclipse.jetty.ee11.servlet.ServletContextRequest.getServletContextRequest(
                            req)
                        .getServletContextResponse()
                        .getHeaders();
                res.getWriter().write(kinds(fields).toString());
              }
            }),
        "/kinds");
    server.setHandler(context);
    server.start();
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/kinds"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertExactly(response, expected(filter.headers(), false, "/kinds", null));
      Map<String, String> kinds = new TreeMap<>();
      filter.headers().constantHeaders(false).keySet().forEach(n -> kinds.put(lower(n), "pre"));
      assertThat(response.body()).isEqualTo(kinds.toString());
    } finally {
      server.stop();
    }
  }

  @Test
  void withoutJettyOnTheClassPath_theFilterUsesSetHeader() throws Exception {
    // armet-core, armet-servlet and the Servlet API only, as on Tomcat or Undertow.
    URL[] path = {
      location(SecurityHeaders.class), location(ArmetFilter.class), location(Filter.class)
    };
    try (URLClassLoader noJetty = new URLClassLoader(path, ClassLoader.getPlatformClassLoader())) {
      Class<?> policies = noJetty.loadClass(SecurityHeaders.class.getName());
      Object policy = policies.getMethod("defaults").invoke(null);
      Class<?> preEncoded = noJetty.loadClass(PreEncodedHeaders.class.getName());
      Object found = preEncoded.getMethod("forPolicy", policies).invoke(null, policy);
      assertThat(found).isSameAs(preEncoded.getField("NONE").get(null));
      // and the whole filter builds there
      Class<?> filter = noJetty.loadClass(ArmetFilter.class.getName());
      assertThat(filter.getMethod("defaults").invoke(null)).isNotNull();
    }
  }

  @Test
  void aResponseThatIsNotJettys_isLeftToSetHeader() {
    PreEncodedHeaders fast = PreEncodedHeaders.forPolicy(SecurityHeaders.defaults());
    assertThat(fast).isNotSameAs(PreEncodedHeaders.NONE); // Jetty is on the test class path
    HttpServletResponse notJettys =
        new HttpServletResponseWrapper(
            (HttpServletResponse)
                java.lang.reflect.Proxy.newProxyInstance(
                    getClass().getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class},
                    (proxy, method, args) -> {
                      throw new AssertionError("touched: " + method.getName());
                    }));
    assertThat(fast.add(notJettys, true)).isFalse();
  }

  private static URL location(Class<?> type) {
    return type.getProtectionDomain().getCodeSource().getLocation();
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
