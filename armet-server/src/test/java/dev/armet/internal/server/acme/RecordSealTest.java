package dev.armet.internal.server.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armet.keys.Keyring;
import dev.armet.keys.Secrets;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The at-rest form of shared ACME records: what opens, what is replaced, what is left alone. */
class RecordSealTest {
  private static final byte[] SECRET =
      "-----BEGIN PRIVATE KEY-----\nMIGH\n".getBytes(StandardCharsets.US_ASCII);
  private final String secret = Secrets.generate();
  private final RecordSeal mine = new RecordSeal(Keyring.create(k -> k.secret(secret)));
  private final RecordSeal plain = new RecordSeal(null);

  @Test
  void sealed_opensUnderItsKey_andHidesTheContent() throws Exception {
    byte[] stored = mine.seal("acme:ca:certificate", SECRET);
    assertThat(new String(stored, StandardCharsets.US_ASCII))
        .startsWith("armet-acme 1 sealed\n")
        .doesNotContain("PRIVATE KEY");
    assertThat(mine.open("acme:ca:certificate", stored)).isEqualTo(SECRET);
    // Rotation: a ring with a new primary and the old secret after it still opens it.
    RecordSeal rotated =
        new RecordSeal(Keyring.create(k -> k.secret(Secrets.generate()).secret(secret)));
    assertThat(rotated.open("acme:ca:certificate", stored)).isEqualTo(SECRET);
  }

  @Test
  void sealed_underAnotherRecordKey_doesNotOpen_andIsReplaceable() {
    byte[] stored = mine.seal("acme:ca:account-key", SECRET);
    assertThatThrownBy(() -> mine.open("acme:ca:certificate", stored))
        .isInstanceOfSatisfying(
            UnreadableRecordException.class, e -> assertThat(e.replaceable()).isTrue())
        .hasMessageContaining("does not decrypt");
  }

  @Test
  void unreadableRecords_areReplaced_orLeftAlone_asTheirCauseSays() {
    byte[] sealedByOthers =
        new RecordSeal(Keyring.create(k -> k.secret(Secrets.generate()))).seal("k", SECRET);
    byte[] tampered = mine.seal("k", SECRET);
    tampered[tampered.length - 3] ^= 1;
    Object[][] cases = {
      {mine, "garbage".getBytes(StandardCharsets.US_ASCII), true, "not an Armet ACME record"},
      {mine, new byte[0], true, "not an Armet ACME record"},
      {mine, tampered, true, "does not decrypt"},
      {mine, plain.seal("k", SECRET), true, "stored unencrypted"},
      {mine, sealedByOthers, false, "does not hold"},
      {plain, mine.seal("k", SECRET), false, "this instance has none"},
      {mine, "armet-acme 2 sealed\nx".getBytes(StandardCharsets.US_ASCII), false, "newer Armet"},
    };
    for (Object[] c : cases) {
      RecordSeal seal = (RecordSeal) c[0];
      assertThatThrownBy(() -> seal.open("k", (byte[]) c[1]))
          .as(String.valueOf(c[3]))
          .isInstanceOfSatisfying(
              UnreadableRecordException.class,
              e -> assertThat(e.replaceable()).as(String.valueOf(c[3])).isEqualTo(c[2]))
          .hasMessageContaining((String) c[3])
          .hasMessageNotContaining("PRIVATE");
    }
  }

  @Test
  void plain_withoutSecrets_roundTrips() throws Exception {
    assertThat(plain.open("k", plain.seal("k", SECRET))).isEqualTo(SECRET);
  }
}
