package dev.armet.internal.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.servlet.TestServer;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The Cookie header read on a real Jetty: one header as it is, several joined in order. */
class ParsedCookiesTest {
  static final class Names extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
      var cookies = ParsedCookies.of(req);
      res.getWriter()
          .write(
              cookies.names() + " " + cookies.all("b") + " " + (ParsedCookies.of(req) == cookies));
    }
  }

  @Test
  void oneHeader_severalHeaders_andNone() throws Exception {
    Filter pass = (req, res, chain) -> chain.doFilter(req, res);
    try (TestServer s = new TestServer(pass, false).servlet("/names", new Names()).start()) {
      assertThat(get(s, "Cookie: a=1; b=2\r\n")).endsWith("[a, b] [2] true");
      assertThat(get(s, "Cookie: a=1\r\nCookie: b=2; b=3\r\n")).endsWith("[a, b, b] [2, 3] true");
      assertThat(get(s, "")).endsWith("[] [] true");
    }
  }

  private static String get(TestServer s, String cookieLines) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", s.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET /names HTTP/1.1\r\nHost: localhost\r\n" + cookieLines + "Connection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
    }
  }
}
