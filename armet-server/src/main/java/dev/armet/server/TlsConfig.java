package dev.armet.server;

import dev.armet.server.acme.AcmeConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The TLS settings of the HTTPS connector: profile, certificate, reload and expiry warning.
 *
 * <p>The certificate comes from PEM files as certbot writes them ({@code fullchain.pem} and {@code
 * privkey.pem}; PKCS#8, PKCS#1 RSA or SEC1 EC key) or from a PKCS#12 key store. The files are
 * checked every {@link #reloadInterval()} (default 1 minute) and a changed certificate is put into
 * service without a restart and without closing open connections; a broken new file is logged and
 * the old certificate stays. With no certificate configured, development serves a self-signed one
 * for {@code localhost}; production refuses to start. Or, with {@link Builder#acme}, the server
 * obtains and renews its certificate from an ACME CA itself (see {@link AcmeConfig}).
 *
 * <pre>{@code
 * c.tls(t -> t.profile(TlsProfile.INTERMEDIATE)
 *     .certificate(Path.of("/etc/letsencrypt/live/example.com/fullchain.pem"),
 *                  Path.of("/etc/letsencrypt/live/example.com/privkey.pem")))
 * }</pre>
 */
public final class TlsConfig {
  private final TlsProfile profile;
  private final Path certificateChain;
  private final Path privateKey;
  private final Path keyStore;
  private final char[] keyStorePassword;
  private final Duration reloadInterval;
  private final Duration expiryWarning;
  private final AcmeConfig acme;
  private final boolean postQuantum;

  private TlsConfig(Builder b) {
    this.profile = b.profile;
    this.certificateChain = b.certificateChain;
    this.privateKey = b.privateKey;
    this.keyStore = b.keyStore;
    this.keyStorePassword = b.keyStorePassword == null ? null : b.keyStorePassword.clone();
    this.reloadInterval = b.reloadInterval;
    this.expiryWarning = b.expiryWarning;
    this.acme = b.builtAcme;
    this.postQuantum = b.postQuantum;
  }

  public static Builder builder() {
    return new Builder();
  }

  public TlsProfile profile() {
    return profile;
  }

  /** Whether a certificate is configured (false: the development certificate). */
  public boolean hasCertificate() {
    return certificateChain != null || keyStore != null;
  }

  /** The PEM certificate chain, leaf first, if PEM files are configured. */
  public Optional<Path> certificateChain() {
    return Optional.ofNullable(certificateChain);
  }

  /** The PEM private key file, if PEM files are configured. */
  public Optional<Path> privateKey() {
    return Optional.ofNullable(privateKey);
  }

  /** The PKCS#12 key store, if one is configured. */
  public Optional<Path> keyStore() {
    return Optional.ofNullable(keyStore);
  }

  /** The files that hold the certificate and key, watched for changes. */
  public List<Path> certificateFiles() {
    return keyStore != null
        ? List.of(keyStore)
        : certificateChain != null ? List.of(certificateChain, privateKey) : List.of();
  }

  /** A copy of the key store password (never logged). */
  char[] keyStorePassword() {
    return keyStorePassword == null ? new char[0] : keyStorePassword.clone();
  }

  public Duration reloadInterval() {
    return reloadInterval;
  }

  public Duration expiryWarning() {
    return expiryWarning;
  }

  /** The ACME settings when the server obtains its own certificate (see {@link AcmeConfig}). */
  public Optional<AcmeConfig> acme() {
    return Optional.ofNullable(acme);
  }

  /** Whether X25519MLKEM768 is offered first (Bouncy Castle's JSSE; default false). */
  public boolean postQuantum() {
    return postQuantum;
  }

  @Override
  public String toString() {
    return "TlsConfig[profile=" + profile + ", files=" + certificateFiles() + "]"; // no password
  }

  /** Builds a {@link TlsConfig}; every value is checked in {@link #build()}. */
  public static final class Builder {
    private TlsProfile profile = TlsProfile.INTERMEDIATE;
    private Path certificateChain;
    private Path privateKey;
    private Path keyStore;
    private char[] keyStorePassword;
    private Duration reloadInterval = Duration.ofMinutes(1);
    private Duration expiryWarning = Duration.ofDays(14);
    private AcmeConfig.Builder acme;
    private AcmeConfig builtAcme;
    private boolean postQuantum;

    private Builder() {}

    /** Obtains and renews the certificate from an ACME CA instead of reading files. */
    public Builder acme(Consumer<AcmeConfig.Builder> config) {
      if (acme == null) {
        acme = AcmeConfig.builder();
      }
      config.accept(acme);
      return this;
    }

    /**
     * Offers the hybrid post-quantum group X25519MLKEM768 first, then the classical groups, through
     * Bouncy Castle's JSSE provider (SunJSSE on JDK 25 has no such group).
     */
    public Builder postQuantum(boolean enabled) {
      this.postQuantum = enabled;
      return this;
    }

    /** The TLS profile (default {@link TlsProfile#INTERMEDIATE}). */
    public Builder profile(TlsProfile profile) {
      this.profile = profile;
      return this;
    }

    /** PEM files: the chain, leaf first ({@code fullchain.pem}), and the unencrypted key. */
    public Builder certificate(Path fullchain, Path privateKey) {
      this.certificateChain = fullchain;
      this.privateKey = privateKey;
      return this;
    }

    /** The PEM certificate chain alone (see {@link #certificate}). */
    public Builder certificateChain(Path fullchain) {
      this.certificateChain = fullchain;
      return this;
    }

    /** The PEM private key alone (see {@link #certificate}). */
    public Builder privateKey(Path privateKey) {
      this.privateKey = privateKey;
      return this;
    }

    /** The PKCS#12 key store alone (see {@link #keyStore(Path, char[])}). */
    public Builder keyStore(Path pkcs12) {
      this.keyStore = pkcs12;
      return this;
    }

    /** The PKCS#12 password alone; copied. */
    public Builder keyStorePassword(char[] password) {
      this.keyStorePassword = password == null ? null : password.clone();
      return this;
    }

    /** A PKCS#12 key store with one key entry; {@code password} is copied. */
    public Builder keyStore(Path pkcs12, char[] password) {
      this.keyStore = pkcs12;
      this.keyStorePassword = password == null ? null : password.clone();
      return this;
    }

    /**
     * How often the certificate files are checked for a renewal (100 ms to 1 day; default 1 min).
     */
    public Builder reloadInterval(Duration interval) {
      this.reloadInterval = interval;
      return this;
    }

    /** Warn when the certificate expires within this (0 to 365 days; default 14 days). */
    public Builder expiryWarning(Duration window) {
      this.expiryWarning = window;
      return this;
    }

    public TlsConfig build() {
      if (profile == null) {
        throw new IllegalArgumentException(
            "tls.profile must be 'intermediate' or 'modern', was null");
      }
      if ((certificateChain == null) != (privateKey == null)) {
        throw new IllegalArgumentException(
            "tls.certificate and tls.private-key go together, only "
                + (certificateChain == null ? "tls.private-key" : "tls.certificate")
                + " was set");
      }
      if (certificateChain != null && keyStore != null) {
        throw new IllegalArgumentException(
            "set either tls.certificate/tls.private-key (PEM) or tls.keystore "
                + "(PKCS#12), not both");
      }
      if (reloadInterval == null
          || reloadInterval.compareTo(Duration.ofMillis(100)) < 0
          || reloadInterval.compareTo(Duration.ofDays(1)) > 0) {
        throw new IllegalArgumentException(
            "tls.reload-interval must be between 100ms and 1d, was " + reloadInterval);
      }
      if (expiryWarning == null
          || expiryWarning.isNegative()
          || expiryWarning.compareTo(Duration.ofDays(365)) > 0) {
        throw new IllegalArgumentException(
            "tls.expiry-warning must be between 0 and 365 days, was " + expiryWarning);
      }
      builtAcme = acme == null ? null : acme.build();
      if (builtAcme != null && (certificateChain != null || keyStore != null)) {
        throw new IllegalArgumentException(
            "set either tls.acme.* (the server obtains its certificate) or "
                + "tls.certificate/tls.keystore (files), not both");
      }
      return new TlsConfig(this);
    }

    @Override
    public String toString() {
      return "TlsConfig.Builder" + Arrays.asList(profile, certificateChain, keyStore);
    }
  }
}
