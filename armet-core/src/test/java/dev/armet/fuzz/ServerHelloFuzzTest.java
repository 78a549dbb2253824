package dev.armet.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.armet.internal.tls.GroupAnswer;
import dev.armet.internal.tls.ServerHelloReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/** Any bytes a server may send give a GroupAnswer; a group only with a selected answer. */
class ServerHelloFuzzTest {
  @FuzzTest(maxDuration = "4s")
  void read_anyReply_givesAnAnswer(byte[] reply) throws IOException {
    GroupAnswer answer = ServerHelloReader.read(new ByteArrayInputStream(reply));
    assertThat(answer.kind()).isNotNull();
    assertThat(answer.group() >= 0).isEqualTo(answer.isSelected());
    assertThat(answer.group()).isLessThanOrEqualTo(0xFFFF);
  }
}
