package dev.armet.server.acme;

import dev.armet.keys.Keyring;
import dev.armet.spi.SharedRecordStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Certificates obtained and renewed by the server itself from an ACME CA (RFC 8555): Let's Encrypt
 * by default, or any CA with an ACME directory (step-ca, Pebble, ZeroSSL, …).
 *
 * <p>Guarantees: nothing is ordered unless {@link Builder#acceptTerms} was set explicitly; the
 * account key and the certificate's key live in {@code <data>/acme/} with mode 0600; a stored
 * certificate that still covers every domain is served at once on restart, so a restart never costs
 * an order; renewal at two-thirds of the lifetime, or inside the CA's ARI window (RFC 9773) when it
 * offers one; failures back off exponentially with jitter from {@link #minimumBackoff()} (default 5
 * min) to {@link #maximumBackoff()} (default 1 day), longer when the CA answers with {@code
 * Retry-After}, so a refusing CA never sees a retry storm.
 *
 * <pre>{@code
 * c.tls(t -> t.acme(a -> a
 *     .domains("example.com", "www.example.com")
 *     .email("ops@example.com")
 *     .acceptTerms(true)
 *     .challenge(AcmeChallengeType.TLS_ALPN_01)))
 * }</pre>
 */
public final class AcmeConfig {
  /** Let's Encrypt's production directory, the default. */
  public static final URI LETSENCRYPT =
      URI.create("https://acme-v02.api.letsencrypt.org/directory");

  /** Let's Encrypt's staging directory: untrusted certificates, generous rate limits. */
  public static final URI LETSENCRYPT_STAGING =
      URI.create("https://acme-staging-v02.api.letsencrypt.org/directory");

  private static final Pattern DOMAIN =
      Pattern.compile(
          "(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*");
  private static final Pattern EMAIL =
      Pattern.compile("[^@\\s,:<>]+@[a-z0-9.-]+\\.[a-z]{2,}", Pattern.CASE_INSENSITIVE);

  private final URI directory;
  private final String email;
  private final List<String> domains;
  private final boolean acceptTerms;
  private final AcmeChallengeType challenge;
  private final Path caCertificate;
  private final Duration minimumBackoff;
  private final Duration maximumBackoff;
  private final SharedRecordStore sharedStore;
  private final Keyring keyring;
  private final Duration leaseDuration;
  private final Duration pollInterval;

  private AcmeConfig(Builder b) {
    this.directory = b.directory;
    this.email = b.email;
    this.domains = List.copyOf(b.domains);
    this.acceptTerms = b.acceptTerms;
    this.challenge = b.challenge;
    this.caCertificate = b.caCertificate;
    this.minimumBackoff = b.minimumBackoff;
    this.maximumBackoff = b.maximumBackoff;
    this.sharedStore = b.sharedStore;
    this.keyring = b.keyring;
    this.leaseDuration = b.leaseDuration;
    this.pollInterval = b.pollInterval;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The CA's directory URL. */
  public URI directory() {
    return directory;
  }

  /** The contact address given to the CA (expiry notices); null when none. */
  public String email() {
    return email;
  }

  /** The domains of the certificate, the first one its subject; never empty. */
  public List<String> domains() {
    return domains;
  }

  public boolean acceptTerms() {
    return acceptTerms;
  }

  public AcmeChallengeType challenge() {
    return challenge;
  }

  /**
   * A PEM file whose certificates are trusted for the CA's own HTTPS; null: the JDK's trust store.
   */
  public Path caCertificate() {
    return caCertificate;
  }

  public Duration minimumBackoff() {
    return minimumBackoff;
  }

  public Duration maximumBackoff() {
    return maximumBackoff;
  }

  /**
   * The store several instances share, when the account and certificate live there (see {@link
   * Builder#sharedStore}).
   */
  public Optional<SharedRecordStore> sharedStore() {
    return Optional.ofNullable(sharedStore);
  }

  /** The key ring that seals the shared records; empty: they are stored unencrypted. */
  public Optional<Keyring> keyring() {
    return Optional.ofNullable(keyring);
  }

  /** How long the order lease lasts unless renewed (renewed every third of it while ordering). */
  public Duration leaseDuration() {
    return leaseDuration;
  }

  /** The longest wait between two looks at the shared store for another instance's certificate. */
  public Duration pollInterval() {
    return pollInterval;
  }

  @Override
  public String toString() {
    return "AcmeConfig[" + directory + ", domains=" + domains + ", challenge=" + challenge + "]";
  }

  /** Builds an {@link AcmeConfig}; every value is checked in {@link #build()}. */
  public static final class Builder {
    private URI directory = LETSENCRYPT;
    private String email;
    private final Set<String> domains = new LinkedHashSet<>();
    private boolean acceptTerms;
    private AcmeChallengeType challenge = AcmeChallengeType.HTTP_01;
    private Path caCertificate;
    private Duration minimumBackoff = Duration.ofMinutes(5);
    private Duration maximumBackoff = Duration.ofDays(1);
    private String badDirectory;
    private SharedRecordStore sharedStore;
    private Keyring keyring;
    private Duration leaseDuration = Duration.ofMinutes(2);
    private Duration pollInterval = Duration.ofMinutes(1);

    private Builder() {}

    /**
     * Keeps the account key and the certificate in {@code records}, shared by every instance given
     * the same store, instead of the data folder: a lease lets one instance order while the others
     * wait, then serve what it stored. With a {@code keyring} (from {@code ARMET_SECRETS}, the same
     * on every instance) keys and certificates are sealed with AES-256-GCM; null stores them
     * unencrypted, readable by whoever reads the store.
     */
    public Builder sharedStore(SharedRecordStore records, Keyring keyring) {
      this.sharedStore = Objects.requireNonNull(records, "records");
      this.keyring = keyring;
      return this;
    }

    /**
     * How long an order lease lasts unless renewed (1 s to 1 h; default 2 min): a crashed holder's
     * ends then.
     */
    public Builder leaseDuration(Duration ttl) {
      this.leaseDuration = ttl;
      return this;
    }

    /** The longest wait between looks at the shared store (100 ms to 1 day; default 1 min). */
    public Builder pollInterval(Duration interval) {
      this.pollInterval = interval;
      return this;
    }

    /**
     * The CA: {@code letsencrypt} (default), {@code letsencrypt-staging}, or an {@code https://}
     * directory URL.
     */
    public Builder directory(String nameOrUrl) {
      String v = nameOrUrl == null ? "" : nameOrUrl.trim();
      badDirectory = null;
      switch (v.toLowerCase(Locale.ROOT)) {
        case "letsencrypt" -> directory = LETSENCRYPT;
        case "letsencrypt-staging" -> directory = LETSENCRYPT_STAGING;
        default -> {
          try {
            directory = URI.create(v);
          } catch (IllegalArgumentException e) {
            badDirectory = v;
          }
          if (directory == null
              || !"https".equalsIgnoreCase(directory.getScheme())
              || directory.getHost() == null) {
            badDirectory = v;
          }
        }
      }
      return this;
    }

    public Builder directory(URI url) {
      return directory(url == null ? "" : url.toString());
    }

    /** The contact address for the CA's expiry and policy notices (optional). */
    public Builder email(String email) {
      this.email = email == null || email.isBlank() ? null : email.trim();
      return this;
    }

    /** The domains, the first being the certificate's subject; adds to any given before. */
    public Builder domains(String... names) {
      for (String n : names) {
        domains.add(n == null ? "" : n.trim().toLowerCase(Locale.ROOT));
      }
      return this;
    }

    /** Comma-separated domains, as {@code tls.acme.domains} holds them. */
    public Builder domainList(String commaSeparated) {
      List<String> names = new ArrayList<>();
      for (String n : commaSeparated.split(",")) {
        if (!n.isBlank()) {
          names.add(n);
        }
      }
      return domains(names.toArray(String[]::new));
    }

    /** Agrees to the CA's terms of service; must be set explicitly before anything is ordered. */
    public Builder acceptTerms(boolean accept) {
      this.acceptTerms = accept;
      return this;
    }

    public Builder challenge(AcmeChallengeType type) {
      this.challenge = type;
      return this;
    }

    /**
     * Trusts the certificates in this PEM file for the CA's HTTPS (private CAs: step-ca, Pebble).
     */
    public Builder caCertificate(Path pem) {
      this.caCertificate = pem;
      return this;
    }

    /** The first wait after a failure, doubling per failure (1 s to 1 day; default 5 min). */
    public Builder minimumBackoff(Duration wait) {
      this.minimumBackoff = wait;
      return this;
    }

    /** The longest wait between attempts (at least the minimum, at most 7 days; default 1 day). */
    public Builder maximumBackoff(Duration wait) {
      this.maximumBackoff = wait;
      return this;
    }

    public AcmeConfig build() {
      if (badDirectory != null) {
        throw new IllegalArgumentException(
            "tls.acme.directory must be letsencrypt, letsencrypt-staging or an "
                + "https:// directory URL, was '"
                + badDirectory
                + "'");
      }
      if (domains.isEmpty()) {
        throw new IllegalArgumentException(
            "tls.acme.domains must name at least one domain (comma-separated)");
      }
      for (String d : domains) {
        if (d.startsWith("*.")) {
          throw new IllegalArgumentException(
              "tls.acme.domains: wildcard '"
                  + d
                  + "' needs the dns-01 challenge, "
                  + "which Armet does not do; list the host names instead");
        }
        if (!DOMAIN.matcher(d).matches() || !d.contains(".") && !d.equals("localhost")) {
          throw new IllegalArgumentException(
              "tls.acme.domains must be host names such as example.com, was '" + d + "'");
        }
      }
      if (!acceptTerms) {
        throw new IllegalArgumentException(
            "tls.acme.accept-terms must be true to order certificates from "
                + directory
                + ": read the CA's terms of service and set tls.acme.accept-terms=true");
      }
      if (email != null && !EMAIL.matcher(email).matches()) {
        throw new IllegalArgumentException(
            "tls.acme.email must be an e-mail address, was '" + email + "'");
      }
      Objects.requireNonNull(
          challenge, "tls.acme.challenge must be http-01 or tls-alpn-01, was null");
      if (minimumBackoff == null
          || minimumBackoff.compareTo(Duration.ofSeconds(1)) < 0
          || minimumBackoff.compareTo(Duration.ofDays(1)) > 0) {
        throw new IllegalArgumentException(
            "ACME minimumBackoff must be between 1s and 1d, was " + minimumBackoff);
      }
      if (maximumBackoff == null
          || maximumBackoff.compareTo(minimumBackoff) < 0
          || maximumBackoff.compareTo(Duration.ofDays(7)) > 0) {
        throw new IllegalArgumentException(
            "ACME maximumBackoff must be between minimumBackoff ("
                + minimumBackoff
                + ") and 7d, was "
                + maximumBackoff);
      }
      if (leaseDuration == null
          || leaseDuration.compareTo(Duration.ofSeconds(1)) < 0
          || leaseDuration.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException(
            "ACME leaseDuration must be between 1s and 1h, was " + leaseDuration);
      }
      if (pollInterval == null
          || pollInterval.compareTo(Duration.ofMillis(100)) < 0
          || pollInterval.compareTo(Duration.ofDays(1)) > 0) {
        throw new IllegalArgumentException(
            "ACME pollInterval must be between 100ms and 1d, was " + pollInterval);
      }
      return new AcmeConfig(this);
    }
  }
}
