package dev.armet.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.headers.SecurityHeaders;
import dev.armet.internal.servlet.ContainerHeaders;
import dev.armet.net.ClientAddressResolver;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

/**
 * The filter's side of {@link ContainerHeaders}: it trusts what the container wrote only when that
 * is its own policy for the kind of request it decides, and takes the rest back.
 */
class ContainerHeadersTest {
  static final String[] SECURITY_HEADERS = {
    "content-security-policy",
    "cross-origin-opener-policy",
    "cross-origin-resource-policy",
    "origin-agent-cluster",
    "referrer-policy",
    "strict-transport-security",
    "x-content-type-options",
    "x-dns-prefetch-control",
    "x-download-options",
    "x-frame-options",
    "x-permitted-cross-domain-policies",
    "x-xss-protection",
    "permissions-policy",
    "cache-control"
  };

  /** Writes {@code written} as a container would (add, on a fresh response) and says so. */
  static Handler.Wrapper container(ContainerHeaders written) {
    return new Handler.Wrapper() {
      @Override
      public boolean handle(Request request, Response response, Callback callback)
          throws Exception {
        HttpFields.Mutable fields = response.getHeaders();
        written.headers().forEach(fields::add);
        request.setAttribute(ContainerHeaders.ATTRIBUTE, written);
        return super.handle(request, response, callback);
      }
    };
  }

  static TestServer server(ArmetFilter filter, ContainerHeaders written) throws Exception {
    return new TestServer(filter, false)
        .servlet("/ok", ArmetFilterHeadersTest.text((req, res) -> res.getWriter().write("ok")))
        .inFront(container(written))
        .start();
  }

  static Map<String, String> expected(
      SecurityHeaders policy, boolean secure, String path, String nonce) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    policy.write(out::put, secure, path, nonce);
    return out;
  }

  static void assertExactly(HttpResponse<?> response, Map<String, String> expected) {
    for (String name : SECURITY_HEADERS) {
      String value =
          expected.entrySet().stream()
              .filter(e -> e.getKey().equalsIgnoreCase(name))
              .map(Map.Entry::getValue)
              .findFirst()
              .orElse(null);
      List<String> values = response.headers().allValues(name);
      if (value == null) {
        assertThat(values).as(name).isEmpty();
      } else {
        assertThat(values).as(name).containsExactly(value);
      }
    }
  }

  @Test
  void matchingPromise_filterWritesOnlyPerRequest_noDuplicates() throws Exception {
    SecurityHeaders policy = SecurityHeaders.create(h -> h.noStore("/ok"));
    ArmetFilter filter = ArmetFilter.create(a -> a.headers(policy).noSessions().noCsrf());
    try (TestServer s = server(filter, ContainerHeaders.of(filter.headers(), false))) {
      HttpResponse<String> response = s.get("/ok");
      assertThat(response.body()).isEqualTo("ok");
      assertExactly(response, expected(policy, false, "/ok", null));
    }
  }

  @Test
  void proxySaysHttps_filterAddsHsts_once() throws Exception {
    ArmetFilter filter =
        ArmetFilter.create(
            a ->
                a.noSessions()
                    .noCsrf()
                    .proxies(ClientAddressResolver.builder().trustedProxies("loopback").build()));
    try (TestServer s = server(filter, ContainerHeaders.of(filter.headers(), false))) {
      HttpResponse<String> response =
          s.send(
              HttpRequest.newBuilder(s.uri("/ok"))
                  .header("X-Forwarded-For", "203.0.113.9")
                  .header("X-Forwarded-Proto", "https")
                  .build());
      assertExactly(response, expected(filter.headers(), true, "/ok", null));
    }
  }

  @Test
  void containerSaidSecure_filterSaysPlain_hstsTakenBack() throws Exception {
    ArmetFilter filter = ArmetFilter.create(a -> a.noSessions().noCsrf());
    try (TestServer s = server(filter, ContainerHeaders.of(filter.headers(), true))) {
      HttpResponse<String> response = s.get("/ok");
      assertThat(response.headers().allValues("strict-transport-security")).isEmpty();
      assertExactly(response, expected(filter.headers(), false, "/ok", null));
    }
  }

  @Test
  void anotherPolicy_isTakenBackAndReplaced() throws Exception {
    SecurityHeaders other =
        SecurityHeaders.create(h -> h.header("X-Other", "1").frameOptions(null));
    ArmetFilter filter = ArmetFilter.create(a -> a.noSessions().noCsrf());
    try (TestServer s = server(filter, ContainerHeaders.of(other, false))) {
      HttpResponse<String> response = s.get("/ok");
      assertThat(response.headers().allValues("x-other")).isEmpty();
      assertExactly(response, expected(filter.headers(), false, "/ok", null));
    }
  }

  @Test
  void noncePolicy_containerWritesNoCsp_filterWritesItOnce() throws Exception {
    ArmetFilter filter =
        ArmetFilter.create(
            a ->
                a.noSessions()
                    .noCsrf()
                    .headers(h -> h.contentSecurityPolicy(c -> c.nonce("script-src"))));
    ContainerHeaders written = ContainerHeaders.of(filter.headers(), false);
    assertThat(written.headers()).doesNotContainKey(SecurityHeaders.CONTENT_SECURITY_POLICY);
    try (TestServer s = server(filter, written)) {
      HttpResponse<String> response = s.get("/ok");
      assertThat(response.headers().allValues("content-security-policy"))
          .singleElement()
          .satisfies(v -> assertThat(v).contains("'nonce-"));
    }
  }
}
