package dev.armet.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.internal.servlet.RequestEndpoints;
import dev.armet.internal.servlet.jetty.JettyRequestEndpoints;
import dev.armet.net.ClientAddressResolver;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Locale;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

/**
 * On Jetty the filter remembers the text of a connection's peer address against the connection's
 * own address object, and reads the server name and port from the URI (issue 18). Real Jetty, real
 * sockets from several local addresses, several requests per keep-alive connection: every answer is
 * what {@code getRemoteAddr()} says for that connection, never another client's, forwarding headers
 * from a trusted proxy still count, and name and port are what Jetty's servlet request says for
 * every kind of Host.
 */
class JettyRequestEndpointsTest {
  /**
   * Answers "resolved|getRemoteAddr|peerAddresses" for the request it gets, and "|kept" when two
   * asks of the peer addresses gave one string (Jetty's getRemoteAddr makes a new one per call).
   */
  static final class Peer extends HttpServlet {
    static final RequestEndpoints ENDPOINTS = RequestEndpoints.forContainer();

    @Override
    @SuppressWarnings("ReferenceEquality") // the point: the remembered string itself
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
      // Jetty's own request (the filter passes its session wrapper on), asked twice.
      HttpServletRequest own =
          ServletContextRequest.getServletContextRequest(req).getServletApiRequest();
      String first = ENDPOINTS.remoteAddr(own);
      boolean kept = first == ENDPOINTS.remoteAddr(own);
      res.getWriter()
          .write(
              ClientAddressRequest.of(req).address()
                  + "|"
                  + req.getRemoteAddr()
                  + "|"
                  + ENDPOINTS.remoteAddr(req)
                  + (kept ? "|kept" : ""));
    }
  }

  static Server start(String host, Filter... filters) throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost(host);
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    for (Filter f : filters) {
      context.addFilter(new FilterHolder(f), "/*", EnumSet.of(DispatcherType.REQUEST));
    }
    context.addServlet(new ServletHolder(new Peer()), "/");
    server.setHandler(context);
    server.start();
    return server;
  }

  static int port(Server server) {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  /** One keep-alive connection from a chosen local address. */
  static final class Connection implements AutoCloseable {
    private final Socket socket = new Socket();
    private final InputStream in;
    private final OutputStream out;

    Connection(String from, String to, int port) throws IOException {
      socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
      socket.connect(new InetSocketAddress(InetAddress.getByName(to), port), 5_000);
      socket.setSoTimeout(10_000);
      in = socket.getInputStream();
      out = socket.getOutputStream();
    }

    String get(String extraHeaders) throws IOException {
      return raw("GET /peer HTTP/1.1\r\nHost: app.test\r\n" + extraHeaders + "\r\n");
    }

    /** Sends {@code request} as is and answers the body of a 200. */
    String raw(String request) throws IOException {
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String head = readHead();
      assertThat(head).startsWith("HTTP/1.").contains(" 200 ");
      int length = -1;
      for (String line : head.split("\r\n")) {
        if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
          length = Integer.parseInt(line.substring(15).trim());
        }
      }
      assertThat(length).isPositive();
      return new String(in.readNBytes(length), StandardCharsets.US_ASCII);
    }

    private String readHead() throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      int matched = 0;
      while (matched < 4) {
        int b = in.read();
        if (b < 0) {
          throw new IOException("connection closed");
        }
        head.write(b);
        matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
      }
      return head.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  @Test
  void onJetty_theEndpointsAreJettys() {
    assertThat(RequestEndpoints.forContainer()).isInstanceOf(JettyRequestEndpoints.class);
  }

  /** Answers "getServerName:getServerPort|endpoints' name:port". */
  static final class ServerEnds extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
      RequestEndpoints e = Peer.ENDPOINTS;
      res.getWriter()
          .write(
              req.getServerName()
                  + ":"
                  + req.getServerPort()
                  + "|"
                  + e.serverName(req)
                  + ":"
                  + e.serverPort(req));
    }
  }

  @Test
  void serverNameAndPort_areWhatJettysServletRequestSays_forEveryKindOfHost() throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    context.addServlet(new ServletHolder(new ServerEnds()), "/");
    server.setHandler(context);
    server.start();
    String[] requests = {
      "GET /e HTTP/1.1\r\nHost: app.test\r\n",
      "GET /e HTTP/1.1\r\nHost: app.test:8443\r\n",
      "GET /e HTTP/1.1\r\nHost: APP.Test:80\r\n",
      "GET /e HTTP/1.1\r\nHost: 127.0.0.1:" + port(server) + "\r\n",
      "GET /e HTTP/1.1\r\nHost: 203.0.113.9\r\n",
      "GET /e HTTP/1.1\r\nHost: [::1]:8080\r\n",
      "GET /e HTTP/1.1\r\nHost: [2001:db8::7]\r\n",
      "GET /e HTTP/1.0\r\n",
      "GET http://other.test:81/e HTTP/1.1\r\nHost: other.test:81\r\n",
    };
    try {
      for (String head : requests) {
        try (Connection c = new Connection("127.0.0.1", "127.0.0.1", port(server))) {
          String answer = c.raw(head + "Connection: close\r\n\r\n");
          String[] both = answer.split("\\|");
          assertThat(both).as(head).hasSize(2);
          assertThat(both[1]).as(head).isEqualTo(both[0]);
        }
      }
    } finally {
      server.stop();
    }
  }

  @Test
  void ipv4_clientsOnInterleavedConnections_eachGetTheirOwnAddress() throws Exception {
    Server server = start("127.0.0.1", ArmetFilter.create(a -> {}));
    try (Connection one = new Connection("127.0.0.1", "127.0.0.1", port(server));
        Connection two = new Connection("127.0.0.2", "127.0.0.1", port(server));
        Connection three = new Connection("127.0.0.3", "127.0.0.1", port(server))) {
      for (int i = 0; i < 4; i++) {
        assertThat(one.get("")).isEqualTo("127.0.0.1|127.0.0.1|127.0.0.1|kept");
        assertThat(two.get("")).isEqualTo("127.0.0.2|127.0.0.2|127.0.0.2|kept");
        assertThat(three.get("")).isEqualTo("127.0.0.3|127.0.0.3|127.0.0.3|kept");
      }
    } finally {
      server.stop();
    }
  }

  @Test
  void ipv6_peer_isTheSameAsGetRemoteAddr() throws Exception {
    Server server = start("::1", ArmetFilter.create(a -> {}));
    try (Connection one = new Connection("::1", "::1", port(server));
        Connection two = new Connection("::1", "::1", port(server))) {
      for (int i = 0; i < 3; i++) {
        for (Connection c : new Connection[] {one, two}) {
          String[] answer = c.get("").split("\\|");
          assertThat(answer[2]).isEqualTo(answer[1]); // exactly what Jetty says
          assertThat(answer).hasSize(4).endsWith("kept");
          assertThat(answer[0]).isEqualTo("::1"); // and the resolver reads it as the loopback
        }
      }
    } finally {
      server.stop();
    }
  }

  @Test
  void trustedProxy_headersStillCount_onARememberedConnection() throws Exception {
    ArmetFilter filter =
        ArmetFilter.create(
            a ->
                a.proxies(
                    ClientAddressResolver.builder()
                        .trustedProxies("127.0.0.1/32")
                        .events(e -> {})
                        .build()));
    Server server = start("127.0.0.1", filter);
    try (Connection proxy = new Connection("127.0.0.1", "127.0.0.1", port(server));
        Connection untrusted = new Connection("127.0.0.2", "127.0.0.1", port(server))) {
      assertThat(proxy.get("")).startsWith("127.0.0.1|");
      assertThat(proxy.get("X-Forwarded-For: 203.0.113.7\r\n")).startsWith("203.0.113.7|");
      assertThat(proxy.get("")).startsWith("127.0.0.1|");
      // A peer that is not trusted cannot name a client, remembered or not.
      assertThat(untrusted.get("")).startsWith("127.0.0.2|");
      assertThat(untrusted.get("X-Forwarded-For: 203.0.113.7\r\n")).startsWith("127.0.0.2|");
      assertThat(proxy.get("X-Forwarded-For: 198.51.100.1\r\n")).startsWith("198.51.100.1|");
      // Two field lines are one list (RFC 9110 §5.3), read right to left past the trusted hop.
      assertThat(proxy.get("X-Forwarded-For: 198.51.100.2\r\nX-Forwarded-For: 127.0.0.1\r\n"))
          .startsWith("198.51.100.2|");
    } finally {
      server.stop();
    }
  }

  @Test
  void requestWrappedByAnEarlierFilter_isAskedItself() throws Exception {
    Filter earlier =
        (req, res, chain) -> {
          boolean wrap = ((HttpServletRequest) req).getHeader("X-Test-Wrap") != null;
          chain.doFilter(
              wrap
                  ? new HttpServletRequestWrapper((HttpServletRequest) req) {
                    @Override
                    public String getRemoteAddr() {
                      return "198.51.100.9";
                    }
                  }
                  : req,
              res);
        };
    Server server = start("127.0.0.1", earlier, ArmetFilter.create(a -> {}));
    try (Connection c = new Connection("127.0.0.2", "127.0.0.1", port(server))) {
      assertThat(c.get("")).isEqualTo("127.0.0.2|127.0.0.2|127.0.0.2|kept");
      // The wrapper's answer (a constant here, so "kept" too), not the connection's.
      assertThat(c.get("X-Test-Wrap: 1\r\n"))
          .isEqualTo("198.51.100.9|198.51.100.9|198.51.100.9|kept");
      assertThat(c.get("")).isEqualTo("127.0.0.2|127.0.0.2|127.0.0.2|kept");
    } finally {
      server.stop();
    }
  }
}
