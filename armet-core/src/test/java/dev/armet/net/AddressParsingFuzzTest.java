package dev.armet.net;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Tag;

/**
 * Jazzer fuzz tests, tagged {@code fuzz}: {@code mvn -Pfuzz test -pl armet-core} runs them in
 * regression mode; {@code JAZZER_FUZZ=1 mvn -Pfuzz test -pl armet-core
 * -Dtest=AddressParsingFuzzTest#forwardingHeader} fuzzes one for its {@code maxDuration}.
 */
@Tag("fuzz")
class AddressParsingFuzzTest {
  @FuzzTest(maxDuration = "10s")
  void forwardingHeader(FuzzedDataProvider data) {
    AddressParsingProperties.forwardingHeader(data.consumeRemainingAsString());
  }

  @FuzzTest(maxDuration = "10s")
  void ipLiteral(FuzzedDataProvider data) throws Exception {
    AddressParsingProperties.ipLiteral(data.consumeRemainingAsString());
  }

  @FuzzTest(maxDuration = "10s")
  void cidr(FuzzedDataProvider data) {
    boolean v4 = data.consumeBoolean();
    byte[] network = data.consumeBytes(v4 ? 4 : 16);
    byte[] address = data.consumeBytes(data.consumeBoolean() ? 4 : 16);
    int prefix = data.consumeInt();
    if (network.length != (v4 ? 4 : 16) || (address.length != 4 && address.length != 16)) {
      return;
    }
    AddressParsingProperties.cidr(network, prefix, address);
  }
}
