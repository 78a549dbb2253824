package dev.armet.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Set;

/**
 * Reads and writes PEM certificates and PKCS#8 keys, and owner-only files and folders (0600/0700)
 * so that a private key is never world-readable, not even for an instant. Public for the server's
 * own packages (ACME storage); not an API for applications.
 */
public final class PemFiles {
  private static final Set<PosixFilePermission> OWNER_FILE =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_DIR =
      PosixFilePermissions.fromString("rwx------");

  private PemFiles() {}

  public static String encode(String label, byte[] der) {
    return "-----BEGIN "
        + label
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + label
        + "-----\n";
  }

  public static byte[] decode(String label, String pem) throws IOException {
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    int from = pem.indexOf(begin);
    int to = pem.indexOf(end);
    if (from < 0 || to < from) {
      throw new IOException("no " + label + " block in PEM");
    }
    try {
      return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
    } catch (IllegalArgumentException e) {
      throw new IOException("bad base64 in " + label + " PEM block", e);
    }
  }

  public static X509Certificate readCertificate(Path file) throws IOException {
    try {
      byte[] der = decode("CERTIFICATE", Files.readString(file, StandardCharsets.US_ASCII));
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot read certificate " + file + ": " + e.getMessage(), e);
    }
  }

  public static PrivateKey readPrivateKey(Path file, String algorithm) throws IOException {
    try {
      byte[] der = decode("PRIVATE KEY", Files.readString(file, StandardCharsets.US_ASCII));
      return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot read private key " + file + ": " + e.getMessage(), e);
    }
  }

  /** Creates {@code dir} (and parents) if absent; a folder this call creates is 0700. */
  public static void createPrivateDirectory(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Path parent = dir.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try {
      if (isPosix(dir.toAbsolutePath().getParent())) {
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
        Files.setPosixFilePermissions(dir, OWNER_DIR); // the umask may have narrowed the mode
      } else {
        Files.createDirectory(dir);
      }
    } catch (FileAlreadyExistsException raced) {
      // created concurrently: fine
    }
  }

  /** Writes {@code text} to {@code file} with mode 0600, atomically replacing any old file. */
  public static void writePrivate(Path file, String text) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Path tmp =
        isPosix(dir)
            ? Files.createTempFile(
                dir, ".tmp-", ".pem", PosixFilePermissions.asFileAttribute(OWNER_FILE))
            : Files.createTempFile(dir, ".tmp-", ".pem");
    try {
      Files.writeString(tmp, text, StandardCharsets.US_ASCII);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static boolean isPosix(Path dir) {
    return dir != null && dir.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
