package dev.armet.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.net.ClientAddressResolver;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Behind a trusted TLS-terminating proxy that sets only the scheme (X-Forwarded-Proto, or Forwarded
 * with proto= and no for=), the request is secure: HSTS is sent and the application sees https,
 * while the client address stays the proxy's.
 */
class ForwardedProtoTest {
  static TestServer server(ClientAddressResolver.Header header) throws Exception {
    ArmetFilter filter =
        ArmetFilter.create(
            a ->
                a.noSessions()
                    .noCsrf()
                    .proxies(
                        ClientAddressResolver.builder()
                            .trustedProxies("loopback")
                            .header(header)
                            .build()));
    return new TestServer(filter, false)
        .servlet(
            "/scheme",
            ArmetFilterHeadersTest.text(
                (req, res) ->
                    res.getWriter()
                        .write(req.getScheme() + " " + req.isSecure() + " " + req.getRemoteAddr())))
        .start();
  }

  @Test
  void xForwardedProtoAlone_fromATrustedProxy_isHonoured() throws Exception {
    try (TestServer s = server(ClientAddressResolver.Header.X_FORWARDED)) {
      HttpResponse<String> response =
          s.send(
              HttpRequest.newBuilder(s.uri("/scheme"))
                  .header("X-Forwarded-Proto", "https")
                  .build());
      assertThat(response.body()).isEqualTo("https true 127.0.0.1");
      assertThat(response.headers().firstValue("strict-transport-security")).isPresent();
    }
  }

  @Test
  void forwardedProtoWithoutFor_fromATrustedProxy_isHonoured() throws Exception {
    try (TestServer s = server(ClientAddressResolver.Header.FORWARDED)) {
      HttpResponse<String> response =
          s.send(
              HttpRequest.newBuilder(s.uri("/scheme")).header("Forwarded", "proto=https").build());
      assertThat(response.body()).isEqualTo("https true 127.0.0.1");
      assertThat(response.headers().firstValue("strict-transport-security")).isPresent();
    }
  }

  @Test
  void noForwardingHeader_staysPlain() throws Exception {
    try (TestServer s = server(ClientAddressResolver.Header.X_FORWARDED)) {
      HttpResponse<String> response = s.send(HttpRequest.newBuilder(s.uri("/scheme")).build());
      assertThat(response.body()).isEqualTo("http false 127.0.0.1");
      assertThat(response.headers().firstValue("strict-transport-security")).isEmpty();
    }
  }
}
