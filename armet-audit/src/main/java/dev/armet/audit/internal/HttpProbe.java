package dev.armet.audit.internal;

import dev.armet.audit.AuditOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A deliberately small HTTP/1.1 client over a socket (JSSE for https): one connection per request,
 * {@code Connection: close}. It exists because the audit needs what {@code
 * java.net.http.HttpClient} refuses: connecting to a {@code --resolve} address while SNI and Host
 * name the site, malformed targets and Host headers, raw duplicate headers, TRACE.
 */
public final class HttpProbe {
  static final String USER_AGENT = "Armet-Audit/1 (armet audit; a bounded security scan)";
  private static final int MAX_BODY = 1 << 20;
  private static final int MAX_HEAD = 64 * 1024;

  private final AuditOptions options;
  private final TrustSetup trust;
  private final AtomicInteger sent = new AtomicInteger();
  private volatile boolean acceptAnyChain;
  private volatile String chainFailure;
  private volatile X509Certificate[] lastChain;
  private final java.util.Map<String, InetSocketAddress> addresses =
      new java.util.concurrent.ConcurrentHashMap<>();

  public HttpProbe(AuditOptions options, TrustSetup trust) {
    this.options = options;
    this.trust = trust;
  }

  public int sent() {
    return sent.get();
  }

  public int remaining() {
    return options.maxRequests() - sent.get();
  }

  /** Why the certificate chain failed validation, or null when it validated (or is untested). */
  public String chainFailure() {
    return chainFailure;
  }

  /** The server's chain from the last https exchange. */
  public X509Certificate[] lastChain() {
    return lastChain;
  }

  /**
   * The address the socket connects to for {@code host:port}: the {@code --resolve} one, else the
   * first of the host's addresses that accepts a connection (localhost may be ::1 first while the
   * server listens on 127.0.0.1 only).
   */
  public InetSocketAddress address(String host, int port) throws IOException {
    InetSocketAddress known = addresses.get(host + ":" + port);
    if (known != null) {
      return known;
    }
    InetSocketAddress found = findAddress(host, port);
    addresses.put(host + ":" + port, found);
    return found;
  }

  private InetSocketAddress findAddress(String host, int port) throws IOException {
    InetAddress a = options.resolved(host, port).orElse(null);
    if (a != null) {
      return new InetSocketAddress(a, port);
    }
    InetAddress[] all = InetAddress.getAllByName(host);
    if (all.length > 1) {
      for (InetAddress candidate : all) {
        try (Socket s = new Socket()) {
          s.connect(
              new InetSocketAddress(candidate, port),
              (int) Math.min(Integer.MAX_VALUE, options.timeout().toMillis()));
          return new InetSocketAddress(candidate, port);
        } catch (IOException e) {
          // try the next address
        }
      }
    }
    return new InetSocketAddress(all[0], port);
  }

  /** Sends one request; validates the chain first and, once it fails, continues with any chain. */
  public Exchange send(Request r) throws IOException {
    if (sent.incrementAndGet() > options.maxRequests()) {
      sent.decrementAndGet();
      throw new BudgetExhaustedException(options.maxRequests());
    }
    boolean https = "https".equalsIgnoreCase(r.url().getScheme());
    if (https && !acceptAnyChain) {
      try {
        return exchange(r, trust.validating(), true);
      } catch (javax.net.ssl.SSLHandshakeException e) {
        if (!isChainFailure(e)) {
          throw e;
        }
        chainFailure = rootMessage(e);
        acceptAnyChain = true;
      }
    }
    return exchange(r, trust.anyChain(), !https);
  }

  private static boolean isChainFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.security.cert.CertificateException
          || t instanceof java.security.cert.CertPathValidatorException) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }

  private Exchange exchange(Request r, SSLContext context, boolean verified) throws IOException {
    URI url = r.url();
    boolean https = "https".equalsIgnoreCase(url.getScheme());
    String host = url.getHost();
    int port = url.getPort() > 0 ? url.getPort() : https ? 443 : 80;
    int timeout = (int) Math.min(Integer.MAX_VALUE, options.timeout().toMillis());
    Socket plain = new Socket();
    try {
      plain.connect(address(host, port), timeout);
      plain.setSoTimeout(timeout);
      Socket socket = plain;
      if (https) {
        SSLSocket tls =
            (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true);
        SSLParameters p = tls.getSSLParameters();
        if (verified) {
          p.setEndpointIdentificationAlgorithm("HTTPS");
        }
        if (!isIpLiteral(host)) {
          p.setServerNames(List.of(new SNIHostName(host)));
        }
        tls.setSSLParameters(p);
        tls.startHandshake();
        lastChain = (X509Certificate[]) tls.getSession().getPeerCertificates();
        socket = tls;
      }
      writeRequest(socket.getOutputStream(), r, host, port, https);
      return readResponse(new java.io.BufferedInputStream(socket.getInputStream()), r, verified);
    } finally {
      plain.close();
    }
  }

  static boolean isIpLiteral(String host) {
    return host.contains(":") || host.matches("[0-9.]+");
  }

  private void writeRequest(OutputStream out, Request r, String host, int port, boolean https)
      throws IOException {
    String target = r.rawTarget() != null ? r.rawTarget() : pathAndQuery(r.url());
    boolean defaultPort = https ? port == 443 : port == 80;
    String hostHeader =
        r.host() != null
            ? r.host()
            : (host.contains(":") ? "[" + host + "]" : host) + (defaultPort ? "" : ":" + port);
    StringBuilder head =
        new StringBuilder()
            .append(r.method())
            .append(' ')
            .append(target)
            .append(" HTTP/1.1\r\n")
            .append("Host: ")
            .append(hostHeader)
            .append("\r\n")
            .append("User-Agent: ")
            .append(USER_AGENT)
            .append("\r\n")
            .append("Connection: close\r\n");
    List<Map.Entry<String, String>> all = new ArrayList<>(options.headers());
    all.addAll(r.headers());
    boolean accept = false;
    for (Map.Entry<String, String> h : all) {
      head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
      accept |= h.getKey().equalsIgnoreCase("accept");
    }
    if (!accept) {
      head.append("Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n");
    }
    byte[] body = r.body() == null ? new byte[0] : r.body().getBytes(StandardCharsets.UTF_8);
    if (r.body() != null) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.write(body);
    out.flush();
  }

  static String pathAndQuery(URI url) {
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
  }

  private static Exchange readResponse(InputStream in, Request r, boolean verified)
      throws IOException {
    String status = readLine(in);
    while (status != null
        && status.startsWith("HTTP/1.1 1")
        && !status.startsWith("HTTP/1.1 101")) {
      // Skip interim responses (100 Continue, 103 Early Hints) and their headers.
      while (!readLine(in).isEmpty()) {
        // headers of the interim response
      }
      status = readLine(in);
    }
    if (status == null || !status.startsWith("HTTP/")) {
      throw new IOException(
          "not an HTTP response: " + (status == null ? "connection closed" : status));
    }
    String[] parts = status.split(" ", 3);
    int code;
    try {
      code = Integer.parseInt(parts[1].trim());
    } catch (RuntimeException e) {
      throw new IOException("bad status line: " + status, e);
    }
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    int headBytes = 0;
    for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
      headBytes += line.length();
      if (headBytes > MAX_HEAD) {
        throw new IOException("response headers exceed " + MAX_HEAD + " bytes");
      }
      int colon = line.indexOf(':');
      if (colon > 0) {
        headers.add(Map.entry(line.substring(0, colon).trim(), line.substring(colon + 1).trim()));
      }
    }
    Headers h = new Headers(headers);
    byte[] body = new byte[0];
    if (!r.method().equals("HEAD") && code != 204 && code != 304) {
      body = readBody(in, h);
    }
    return new Exchange(r.url(), code, h, new String(body, StandardCharsets.UTF_8), verified);
  }

  private static byte[] readBody(InputStream in, Headers h) throws IOException {
    try {
      return readBodyOrFail(in, h);
    } catch (NumberFormatException e) {
      throw new IOException(
          "malformed response body framing (chunk size or Content-Length): " + e.getMessage(), e);
    }
  }

  private static byte[] readBodyOrFail(InputStream in, Headers h) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String te = h.first("transfer-encoding");
    if (te != null && te.toLowerCase(java.util.Locale.ROOT).contains("chunked")) {
      while (out.size() < MAX_BODY) {
        String size = readLine(in);
        if (size == null) {
          break;
        }
        int semi = size.indexOf(';');
        int n = Integer.parseInt((semi >= 0 ? size.substring(0, semi) : size).trim(), 16);
        if (n == 0) {
          break;
        }
        copy(in, out, n);
        readLine(in);
      }
      return out.toByteArray();
    }
    String length = h.first("content-length");
    long n = length == null ? MAX_BODY : Math.min(MAX_BODY, Long.parseLong(length.trim()));
    copy(in, out, n);
    return out.toByteArray();
  }

  private static void copy(InputStream in, ByteArrayOutputStream out, long n) throws IOException {
    byte[] buf = new byte[8192];
    long left = n;
    while (left > 0) {
      int read;
      try {
        read = in.read(buf, 0, (int) Math.min(buf.length, left));
      } catch (javax.net.ssl.SSLException e) {
        return; // a peer that closes without close_notify: keep what arrived
      }
      if (read < 0) {
        return;
      }
      out.write(buf, 0, read);
      left -= read;
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0) {
      if (c == '\n') {
        int len = sb.length();
        return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
      }
      if (sb.length() > MAX_HEAD) {
        throw new IOException("response line exceeds " + MAX_HEAD + " bytes");
      }
      sb.append((char) c);
    }
    return sb.length() == 0 ? null : sb.toString();
  }
}
