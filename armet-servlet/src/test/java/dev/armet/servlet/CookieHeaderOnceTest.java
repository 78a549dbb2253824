package dev.armet.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Enumeration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Issue 18: sessions and CSRF share one parse of the {@code Cookie} header per request. Counted on
 * a real Jetty by a wrapper in front of ArmetFilter that sees every read of the header.
 */
class CookieHeaderOnceTest {
  final AtomicInteger reads = new AtomicInteger();

  @Test
  void sessionAndCsrf_readTheCookieHeaderOnce() throws Exception {
    ArmetFilter armet = ArmetFilter.defaults();
    Filter counting =
        (req, res, chain) ->
            armet.doFilter(
                new HttpServletRequestWrapper((HttpServletRequest) req) {
                  @Override
                  public Enumeration<String> getHeaders(String name) {
                    if ("cookie".equalsIgnoreCase(name)) {
                      reads.incrementAndGet();
                    }
                    return super.getHeaders(name);
                  }

                  @Override
                  public String getHeader(String name) {
                    if ("cookie".equalsIgnoreCase(name)) {
                      reads.incrementAndGet();
                    }
                    return super.getHeader(name);
                  }
                },
                res,
                chain);
    HttpServlet app =
        new HttpServlet() {
          @Override
          protected void doGet(HttpServletRequest request, HttpServletResponse response)
              throws IOException {
            request.getSession(true).setAttribute("n", 1);
            response.getWriter().write(String.valueOf(request.getAttribute("_csrf") != null));
          }
        };
    try (TestServer server = new TestServer(counting, false).servlet("/", app).start()) {
      HttpResponse<String> first = server.get("/", null);
      String cookies =
          first.headers().allValues("set-cookie").stream()
              .map(c -> c.split(";", 2)[0])
              .collect(Collectors.joining("; "));
      assertThat(cookies).contains("id=");
      reads.set(0);
      HttpResponse<String> second = server.get("/", cookies);
      assertThat(second.statusCode()).isEqualTo(200);
      assertThat(second.body()).isEqualTo("true"); // the CSRF step ran and gave the page a token
      assertThat(reads.get()).as("reads of the Cookie header in one request").isEqualTo(1);
    }
  }
}
