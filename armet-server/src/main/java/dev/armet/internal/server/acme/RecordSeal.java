package dev.armet.internal.server.acme;

import dev.armet.keys.Keyring;
import dev.armet.keys.TokenContents;
import dev.armet.keys.TokenSealer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The at-rest form of a shared ACME record: a header line {@code armet-acme 1 sealed} followed by
 * an AES-256-GCM token of the server's key ring (purpose {@code acme-store}, the record's key as
 * associated data, so a record copied under another key does not open), or, on an instance without
 * {@code ARMET_SECRETS}, {@code armet-acme 1 plain} and the bytes as they are.
 *
 * <p>An instance with secrets refuses plain records (anyone who can write the store could plant a
 * key pair otherwise) and replaces them; an instance without secrets leaves sealed ones alone.
 * Nothing here ever puts record contents in a message.
 */
final class RecordSeal {
  static final int FORMAT = 1;
  private static final String MAGIC = "armet-acme ";
  private static final String SEALED = MAGIC + FORMAT + " sealed\n";
  private static final String PLAIN = MAGIC + FORMAT + " plain\n";

  private final TokenSealer sealer;
  private final String primaryKeyId;

  RecordSeal(Keyring keyring) {
    this.sealer = keyring == null ? null : keyring.sealer("acme-store");
    this.primaryKeyId = sealer == null ? null : keyId(sealer.seal(new byte[0], "key-id"));
  }

  boolean encrypts() {
    return sealer != null;
  }

  byte[] seal(String key, byte[] plaintext) {
    String text = sealer == null ? PLAIN : SEALED + sealer.seal(plaintext, key);
    byte[] head = text.getBytes(StandardCharsets.US_ASCII);
    if (sealer != null) {
      return head;
    }
    byte[] out = Arrays.copyOf(head, head.length + plaintext.length);
    System.arraycopy(plaintext, 0, out, head.length, plaintext.length);
    return out;
  }

  byte[] open(String key, byte[] stored) throws UnreadableRecordException {
    String what = "the shared ACME record '" + key + "'";
    int newline = indexOf(stored, (byte) '\n');
    String header =
        newline < 0 ? "" : new String(stored, 0, newline + 1, StandardCharsets.US_ASCII);
    if (!header.startsWith(MAGIC)) {
      throw new UnreadableRecordException(what + " is not an Armet ACME record (damaged?)", true);
    }
    if (!header.equals(SEALED) && !header.equals(PLAIN)) {
      throw new UnreadableRecordException(
          what
              + " has the format '"
              + header.strip()
              + "', unknown to this "
              + "release (written by a newer Armet?); upgrade this instance",
          false);
    }
    if (header.equals(PLAIN)) {
      if (sealer != null) {
        throw new UnreadableRecordException(
            what
                + " is stored unencrypted (written by an instance without "
                + "ARMET_SECRETS) and is not trusted here; it is replaced by a sealed one",
            true);
      }
      return Arrays.copyOfRange(stored, newline + 1, stored.length);
    }
    if (sealer == null) {
      throw new UnreadableRecordException(
          what
              + " is sealed with ARMET_SECRETS and this instance has none: "
              + "give every instance the same ARMET_SECRETS",
          false);
    }
    String token =
        new String(stored, newline + 1, stored.length - newline - 1, StandardCharsets.US_ASCII)
            .strip();
    Optional<TokenContents> opened = sealer.open(token, key);
    if (opened.isPresent()) {
      return opened.get().payload();
    }
    if (primaryKeyId.equals(keyId(token))) {
      throw new UnreadableRecordException(
          what + " does not decrypt (damaged); it is replaced", true);
    }
    throw new UnreadableRecordException(
        what
            + " is sealed with a secret this instance's ARMET_SECRETS "
            + "does not hold: give every instance the same ARMET_SECRETS (new secret first, old ones after it)",
        false);
  }

  private static String keyId(String token) {
    int dot = token.indexOf('.');
    return dot < 0 ? "" : token.substring(0, dot);
  }

  private static int indexOf(byte[] bytes, byte b) {
    for (int i = 0; i < Math.min(bytes.length, 64); i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
