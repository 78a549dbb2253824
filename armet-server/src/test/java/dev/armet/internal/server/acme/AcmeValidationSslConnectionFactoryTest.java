package dev.armet.internal.server.acme;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.eclipse.jetty.server.ConnectionFactory.Detecting.Detection;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.Test;

/**
 * Only a ClientHello offering exactly {@code acme-tls/1} (RFC 8737 §3) goes to the validation TLS;
 * everything else goes on to the connector's usual TLS.
 */
class AcmeValidationSslConnectionFactoryTest {
  private final AcmeValidationSslConnectionFactory factory =
      new AcmeValidationSslConnectionFactory(new SslContextFactory.Server());

  @Test
  void helloOfferingOnlyAcmeTls_isRecognized() throws Exception {
    assertThat(detect(ClientHellos.sunJsse("acme-tls/1"))).isEqualTo(Detection.RECOGNIZED);
    assertThat(detect(ClientHellos.postQuantum("acme-tls/1"))).isEqualTo(Detection.RECOGNIZED);
  }

  @Test
  void browserHellos_areNotRecognized() throws Exception {
    assertThat(detect(ClientHellos.sunJsse("h2", "http/1.1"))).isEqualTo(Detection.NOT_RECOGNIZED);
    assertThat(detect(ClientHellos.postQuantum("h2", "http/1.1")))
        .isEqualTo(Detection.NOT_RECOGNIZED);
    assertThat(detect(ClientHellos.sunJsse())).isEqualTo(Detection.NOT_RECOGNIZED);
  }

  @Test
  void acmeTlsAmongOtherProtocols_isNotRecognized() throws Exception {
    assertThat(detect(ClientHellos.sunJsse("acme-tls/1", "h2")))
        .isEqualTo(Detection.NOT_RECOGNIZED);
    assertThat(detect(ClientHellos.sunJsse("h2", "acme-tls/1")))
        .isEqualTo(Detection.NOT_RECOGNIZED);
  }

  @Test
  void partOfAHello_needsMoreBytes_andGarbageIsNotRecognized() throws Exception {
    byte[] hello = ClientHellos.sunJsse("acme-tls/1");
    assertThat(detect(Arrays.copyOf(hello, hello.length - 1))).isEqualTo(Detection.NEED_MORE_BYTES);
    assertThat(detect(new byte[0])).isEqualTo(Detection.NEED_MORE_BYTES);
    assertThat(detect("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo(Detection.NOT_RECOGNIZED);
  }

  private Detection detect(byte[] wire) {
    return factory.detect(ByteBuffer.wrap(wire));
  }
}
