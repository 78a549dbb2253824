package dev.armet.servlet;

import static dev.armet.servlet.ArmetFilterHeadersTest.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.csrf.CsrfToken;
import dev.armet.env.ArmetEnvironment;
import dev.armet.net.ClientAddress;
import dev.armet.servlet.csrf.ServletCsrf;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 18: Armet's request attributes (CSP nonce, CSRF token under both names, client address)
 * live in the request the filter passes on, not in the container's attribute map, and are copied
 * there (published) whenever the request may be seen without that wrapper: async, error dispatches.
 */
class ArmetAttributesTest {
  static final Pattern NONCE = Pattern.compile("'nonce-([^']+)'");
  static final List<String> ARMET =
      List.of(
          ArmetFilter.CSP_NONCE,
          ServletCsrf.ATTRIBUTE,
          CsrfToken.class.getName(),
          ClientAddressRequest.ATTRIBUTE);

  final List<String> seenBefore = new CopyOnWriteArrayList<>();
  TestServer server;

  /** A filter before Armet's: what it sees on its own request once the chain returned. */
  final Filter before =
      (req, res, chain) -> {
        chain.doFilter(req, res);
        seenBefore.add(req.getAttribute(ArmetFilter.CSP_NONCE) == null ? "none" : "nonce");
      };

  @BeforeEach
  void start() throws Exception {
    ArmetFilter armet =
        ArmetFilter.create(
            a ->
                a.environment(ArmetEnvironment.DEVELOPMENT)
                    .headers(h -> h.contentSecurityPolicy(csp -> csp.nonce("script-src"))));
    server =
        new TestServer(armet, false)
            .filterFirst(before)
            .servlet("/read", text((req, res) -> res.getWriter().write(describe(req))))
            .servlet(
                "/change",
                text(
                    (req, res) -> {
                      List<String> names = Collections.list(req.getAttributeNames());
                      req.removeAttribute(ServletCsrf.ATTRIBUTE);
                      req.setAttribute(ArmetFilter.CSP_NONCE, "mine");
                      req.setAttribute(CsrfToken.class.getName(), "other");
                      List<String> after = Collections.list(req.getAttributeNames());
                      res.getWriter()
                          .write(
                              names.containsAll(ARMET)
                                  + " "
                                  + after.contains(ServletCsrf.ATTRIBUTE)
                                  + " "
                                  + req.getAttribute(ServletCsrf.ATTRIBUTE)
                                  + " "
                                  + req.getAttribute(ArmetFilter.CSP_NONCE)
                                  + " "
                                  + req.getAttribute(CsrfToken.class.getName()));
                    }))
            .servlet(
                "/async-wrapped",
                text(
                    (req, res) -> {
                      AsyncContext async = req.startAsync();
                      async.dispatch("/read");
                    }))
            .servlet(
                "/async-raw",
                text(
                    (req, res) -> {
                      AsyncContext async = unwrapped(req).startAsync();
                      async.dispatch("/read");
                    }))
            .servlet(
                "/throws",
                text(
                    (req, res) -> {
                      throw new IllegalStateException("boom");
                    }))
            .servlet("/send-error", text((req, res) -> res.sendError(500)))
            .servlet(
                "/error", text((req, res) -> res.getWriter().write("error page " + describe(req))))
            .errorPage("/error")
            .start();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  static ServletRequest unwrapped(ServletRequest request) {
    ServletRequest r = request;
    while (r instanceof ServletRequestWrapper) {
      r = ((ServletRequestWrapper) r).getRequest();
    }
    return r;
  }

  static String describe(HttpServletRequest req) {
    Object csrf = req.getAttribute(ServletCsrf.ATTRIBUTE);
    return "nonce="
        + req.getAttribute(ArmetFilter.CSP_NONCE)
        + " csrf="
        + (csrf instanceof CsrfToken && csrf == req.getAttribute(CsrfToken.class.getName()))
        + " client="
        + (req.getAttribute(ClientAddressRequest.ATTRIBUTE) instanceof ClientAddress);
  }

  static String headerNonce(HttpResponse<String> res) {
    Matcher m = NONCE.matcher(res.headers().firstValue("content-security-policy").orElseThrow());
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  @Test
  void theApplicationReadsThemThroughTheRequestItGets_butAnEarlierFilterDoesNot() throws Exception {
    HttpResponse<String> res = server.get("/read");
    assertThat(res.body()).isEqualTo("nonce=" + headerNonce(res) + " csrf=true client=true");
    assertThat(seenBefore).containsExactly("none");
  }

  @Test
  void theApplicationSetsRemovesAndListsThem() throws Exception {
    assertThat(server.get("/change").body()).isEqualTo("true false null mine other");
  }

  @Test
  void asyncStartedOnTheWrappedRequest_theAsyncDispatchSeesThem() throws Exception {
    HttpResponse<String> res = server.get("/async-wrapped");
    assertThat(res.body()).isEqualTo("nonce=" + headerNonce(res) + " csrf=true client=true");
  }

  @Test
  void asyncStartedOnTheContainersRequest_theAsyncDispatchSeesThem() throws Exception {
    HttpResponse<String> res = server.get("/async-raw");
    assertThat(res.body()).isEqualTo("nonce=" + headerNonce(res) + " csrf=true client=true");
  }

  @Test
  void anException_theErrorPageSeesTheNonceOfTheHeader() throws Exception {
    HttpResponse<String> res = server.get("/throws");
    assertThat(res.statusCode()).isEqualTo(500);
    assertThat(res.body())
        .isEqualTo("error page nonce=" + headerNonce(res) + " csrf=true client=true");
  }

  @Test
  void sendError_theErrorPageSeesTheNonceOfTheHeader() throws Exception {
    HttpResponse<String> res = server.get("/send-error");
    assertThat(res.statusCode()).isEqualTo(500);
    assertThat(res.body())
        .isEqualTo("error page nonce=" + headerNonce(res) + " csrf=true client=true");
  }
}
