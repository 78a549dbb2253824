package dev.armet.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * A Jetty fixture on a random loopback port serving canned pages: each page a status, headers and a
 * body. Any path without a page gets a bare 404; {@code echoOrigin} pages reflect Origin.
 */
final class FixtureServer implements AutoCloseable {
  /** One canned response. */
  record Page(int status, List<String[]> headers, String body) {}

  private final Map<String, Page> pages = new HashMap<>();
  private final Server server = new Server();
  private final ServerConnector connector;
  private final boolean https;
  private boolean reflectOrigin;
  private int redirectPort;
  private int redirectStatus;

  private FixtureServer(KeyStore keys, String[] protocols, String[] suites) {
    HttpConfiguration config = new HttpConfiguration();
    config.setSendServerVersion(false);
    https = keys != null;
    if (https) {
      config.addCustomizer(new SecureRequestCustomizer(false));
      SslContextFactory.Server tls = new SslContextFactory.Server();
      tls.setKeyStore(keys);
      tls.setKeyStorePassword(new String(TestCa.PASSWORD));
      if (protocols != null) {
        tls.setIncludeProtocols(protocols);
        tls.setExcludeProtocols();
      }
      if (suites != null) {
        tls.setIncludeCipherSuites(suites);
        tls.setExcludeCipherSuites();
      }
      connector = new ServerConnector(server, tls, new HttpConnectionFactory(config));
    } else {
      connector = new ServerConnector(server, new HttpConnectionFactory(config));
    }
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    // A generic error page, as a hardened site has (the leakage test serves Jetty's own when it
    // wants it).
    server.setErrorHandler(
        (request, response, callback) -> {
          response.write(true, ByteBuffer.wrap("error".getBytes(StandardCharsets.UTF_8)), callback);
          return true;
        });
    server.setHandler(
        new Handler.Abstract() {
          @Override
          public boolean handle(Request request, Response response, Callback callback) {
            if (redirectPort > 0) {
              String host = request.getHeaders().get(HttpHeader.HOST);
              String name = host == null ? "localhost" : host.replaceFirst(":\\d+$", "");
              response.setStatus(redirectStatus);
              response.getHeaders().put("Location", "https://" + name + ":" + redirectPort + "/");
              callback.succeeded();
              return true;
            }
            Page page = pages.get(Request.getPathInContext(request));
            if (page == null) {
              response.setStatus(404);
              response.write(
                  true, ByteBuffer.wrap("not found".getBytes(StandardCharsets.UTF_8)), callback);
              return true;
            }
            response.setStatus(page.status());
            for (String[] h : page.headers()) {
              response.getHeaders().add(h[0], h[1]);
            }
            String origin = request.getHeaders().get(HttpHeader.ORIGIN);
            if (reflectOrigin && origin != null) {
              response.getHeaders().put("Access-Control-Allow-Origin", origin);
              response.getHeaders().put("Access-Control-Allow-Credentials", "true");
            }
            response.write(
                true, ByteBuffer.wrap(page.body().getBytes(StandardCharsets.UTF_8)), callback);
            return true;
          }
        });
  }

  static FixtureServer https(KeyStore keys) throws Exception {
    return new FixtureServer(keys, null, null).start();
  }

  static FixtureServer https() throws Exception {
    return https(TestCa.get().serverKeyStore());
  }

  /** A deliberately weak TLS server: only these protocols and suites. */
  static FixtureServer weakTls(KeyStore keys, String[] protocols, String[] suites)
      throws Exception {
    return new FixtureServer(keys, protocols, suites).start();
  }

  static FixtureServer http() throws Exception {
    return new FixtureServer(null, null, null).start();
  }

  private FixtureServer start() throws Exception {
    server.start();
    return this;
  }

  /** Serves {@code path} with a status, headers ({@code "Name: value"}) and an HTML body. */
  FixtureServer page(String path, int status, String body, String... headers) {
    List<String[]> list = new ArrayList<>();
    for (String h : headers) {
      int colon = h.indexOf(':');
      list.add(new String[] {h.substring(0, colon).trim(), h.substring(colon + 1).trim()});
    }
    pages.put(path, new Page(status, list, body));
    return this;
  }

  /**
   * Redirects every request to https on {@code port}, keeping the (attacker-controlled) Host name.
   */
  FixtureServer hostRedirect(int port, int status) {
    redirectPort = port;
    redirectStatus = status;
    return this;
  }

  FixtureServer reflectOrigin() {
    reflectOrigin = true;
    return this;
  }

  int port() {
    return connector.getLocalPort();
  }

  /** {@code 127.0.0.1:PORT}, as the Observatory CLI takes it. */
  String hostPort() {
    return "127.0.0.1:" + port();
  }

  String url() {
    return (https ? "https" : "http") + "://127.0.0.1:" + port() + "/";
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
