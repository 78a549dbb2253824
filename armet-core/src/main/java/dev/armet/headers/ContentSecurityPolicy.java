package dev.armet.headers;

import dev.armet.internal.headers.CspNonce;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * An immutable Content Security Policy (CSP Level 3), rendered the way Helmet renders it:
 * directives joined by {@code ;}, sources by a space.
 *
 * <p>Defaults ({@link #defaults()}) are Helmet 8's, byte for byte. Building validates every
 * directive: unknown names, separators or line breaks inside a source, unquoted keywords ({@code
 * self} instead of {@code 'self'}), {@code 'none'} beside other sources, and {@code
 * 'unsafe-inline'} in a directive that also carries a nonce (browsers ignore {@code
 * 'unsafe-inline'} there, so the policy would not mean what it says).
 *
 * <p>With {@link Builder#nonce(String...)}, a per-request nonce is inserted into the named
 * directives by {@link #render(String)}; the rest of the text is precomputed.
 *
 * <pre>{@code
 * ContentSecurityPolicy csp = ContentSecurityPolicy.defaults().toBuilder()
 *     .nonce("script-src")
 *     .add("connect-src", "'self'", "https://api.example.com")
 *     .reportUri("/_armet/csp-report")
 *     .build();
 * }</pre>
 *
 * @see <a href="https://www.w3.org/TR/CSP3/">CSP Level 3</a>
 */
public final class ContentSecurityPolicy {
  private final Map<String, List<String>> directives;
  private final Set<String> nonceDirectives;

  /** The rendered policy split where the nonce goes: {@code parts.length == nonces + 1}. */
  private final String[] parts;

  private ContentSecurityPolicy(Map<String, List<String>> directives, Set<String> nonceDirectives) {
    this.directives = directives;
    this.nonceDirectives = nonceDirectives;
    this.parts = split(directives, nonceDirectives);
  }

  /** Helmet 8's default policy. */
  public static ContentSecurityPolicy defaults() {
    return DEFAULTS;
  }

  private static final ContentSecurityPolicy DEFAULTS =
      builder()
          .set("default-src", "'self'")
          .set("base-uri", "'self'")
          .set("font-src", "'self'", "https:", "data:")
          .set("form-action", "'self'")
          .set("frame-ancestors", "'self'")
          .set("img-src", "'self'", "data:")
          .set("object-src", "'none'")
          .set("script-src", "'self'")
          .set("script-src-attr", "'none'")
          .set("style-src", "'self'", "https:", "'unsafe-inline'")
          .set("upgrade-insecure-requests")
          .build();

  /** An empty builder (no directives at all). */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from the defaults, configured by {@code config}. */
  public static ContentSecurityPolicy create(Consumer<Builder> config) {
    Builder b = DEFAULTS.toBuilder();
    config.accept(b);
    return b.build();
  }

  /** A builder holding this policy's directives. */
  public Builder toBuilder() {
    Builder b = new Builder();
    directives.forEach((k, v) -> b.directives.put(k, new ArrayList<>(v)));
    b.nonceDirectives.addAll(nonceDirectives);
    return b;
  }

  /** The directives in order, each with its sources (unmodifiable). */
  public Map<String, List<String>> directives() {
    return directives;
  }

  /** Whether {@link #render(String)} needs a per-request nonce. */
  public boolean usesNonce() {
    return !nonceDirectives.isEmpty();
  }

  /** The directives a nonce is added to. */
  public Set<String> nonceDirectives() {
    return nonceDirectives;
  }

  /**
   * The header value. {@code nonce} (base64, from {@link CspNonce}) is required exactly when {@link
   * #usesNonce()}.
   */
  public String render(@Nullable String nonce) {
    if (parts.length == 1) {
      return parts[0];
    }
    if (nonce == null) {
      throw new IllegalStateException("this policy needs a nonce: " + nonceDirectives);
    }
    if (parts.length == 2) {
      // One nonce directive, the common case: one concatenation sizes and fills one array.
      return parts[0] + "'nonce-" + nonce + "'" + parts[1];
    }
    int size = parts.length * (nonce.length() + 9);
    for (String p : parts) {
      size += p.length();
    }
    StringBuilder out = new StringBuilder(size).append(parts[0]);
    for (int i = 1; i < parts.length; i++) {
      out.append("'nonce-").append(nonce).append('\'').append(parts[i]);
    }
    return out.toString();
  }

  /** The header value of a policy without nonces. */
  @Override
  public String toString() {
    return usesNonce() ? render("{nonce}") : parts[0];
  }

  /**
   * The CSP hash source for an inline script or style: {@code 'sha256-<base64>'} of its UTF-8 text,
   * exactly as it appears between the tags.
   */
  public static String hashSource(String inlineText) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(inlineText.getBytes(StandardCharsets.UTF_8));
      return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  private static String[] split(Map<String, List<String>> directives, Set<String> nonceDirectives) {
    List<String> parts = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean first = true;
    for (Map.Entry<String, List<String>> d : directives.entrySet()) {
      if (!first) {
        current.append(';');
      }
      first = false;
      current.append(d.getKey());
      for (String source : d.getValue()) {
        current.append(' ').append(source);
      }
      if (nonceDirectives.contains(d.getKey())) {
        current.append(' ');
        parts.add(current.toString());
        current.setLength(0);
      }
    }
    parts.add(current.toString());
    return parts.toArray(new String[0]);
  }

  /** Builds a {@link ContentSecurityPolicy}; every check runs in {@link #build()}. */
  public static final class Builder {
    private final Map<String, List<String>> directives = new LinkedHashMap<>();
    private final Set<String> nonceDirectives = new LinkedHashSet<>();

    private Builder() {}

    /** Sets a directive to exactly these sources (none for {@code upgrade-insecure-requests}). */
    public Builder set(String directive, String... sources) {
      directives.put(normalize(directive), new ArrayList<>(List.of(sources)));
      return this;
    }

    /**
     * Adds sources to a directive. A directive that is absent starts from {@code default-src}'s
     * sources, as the browser's fallback would, so adding a host to {@code connect-src} does not
     * silently drop {@code 'self'}.
     */
    public Builder add(String directive, String... sources) {
      String name = normalize(directive);
      List<String> list = directives.computeIfAbsent(name, k -> fallbackSources(k));
      list.remove("'none'");
      for (String s : sources) {
        if (!list.contains(s)) {
          list.add(s);
        }
      }
      return this;
    }

    /** Removes a directive (and its nonce). */
    public Builder remove(String directive) {
      String name = normalize(directive);
      directives.remove(name);
      nonceDirectives.remove(name);
      return this;
    }

    /** Adds a per-request nonce to these directives (default: {@code script-src}). */
    public Builder nonce(String... directives) {
      String[] names = directives.length == 0 ? new String[] {"script-src"} : directives;
      for (String d : names) {
        nonceDirectives.add(normalize(d));
      }
      return this;
    }

    /** Allows one inline script by its hash (see {@link #hashSource(String)}). */
    public Builder scriptHash(String inlineScript) {
      return add("script-src", hashSource(inlineScript));
    }

    /** Allows one inline style element by its hash. */
    public Builder styleHash(String inlineStyle) {
      return add("style-src", hashSource(inlineStyle));
    }

    /** Explicitly loosens {@code style-src} to allow inline styles. */
    public Builder allowInlineStyles() {
      return add("style-src", "'unsafe-inline'");
    }

    /** Sends violation reports to this URI (legacy {@code report-uri}). */
    public Builder reportUri(String uri) {
      return set("report-uri", uri);
    }

    /** Sends violation reports to a Reporting API endpoint group ({@code report-to}). */
    public Builder reportTo(String group) {
      return set("report-to", group);
    }

    /** Builds the policy, or fails naming the directive at fault. */
    public ContentSecurityPolicy build() {
      if (directives.isEmpty()) {
        throw new IllegalArgumentException(
            "a Content-Security-Policy needs at least one directive");
      }
      Map<String, List<String>> copy = new LinkedHashMap<>();
      for (Map.Entry<String, List<String>> d : directives.entrySet()) {
        copy.put(d.getKey(), validate(d.getKey(), d.getValue()));
      }
      for (String d : nonceDirectives) {
        if (!CspDirectives.NONCEABLE.contains(d)) {
          throw new IllegalArgumentException(
              "CSP directive "
                  + d
                  + " cannot carry a nonce; use one of "
                  + new java.util.TreeSet<>(CspDirectives.NONCEABLE));
        }
        List<String> sources = copy.get(d);
        if (sources == null) {
          throw new IllegalArgumentException(
              "a nonce was asked for CSP directive " + d + ", but the policy has no " + d);
        }
        if (sources.contains("'unsafe-inline'")) {
          throw new IllegalArgumentException(
              "CSP directive "
                  + d
                  + " has both a nonce and "
                  + "'unsafe-inline'; browsers ignore 'unsafe-inline' when a nonce is present, "
                  + "so remove 'unsafe-inline' or the nonce");
        }
        if (sources.contains("'none'")) {
          throw new IllegalArgumentException(
              "CSP directive " + d + " is 'none' but carries a nonce");
        }
      }
      return new ContentSecurityPolicy(
          Collections.unmodifiableMap(copy),
          Collections.unmodifiableSet(new LinkedHashSet<>(nonceDirectives)));
    }

    private List<String> fallbackSources(String directive) {
      List<String> base = directives.get("default-src");
      boolean fetch = directive.endsWith("-src") && !directive.equals("default-src");
      return fetch && base != null ? new ArrayList<>(base) : new ArrayList<>();
    }

    private static List<String> validate(String name, List<String> sources) {
      if (!CspDirectives.KNOWN.contains(name)) {
        throw new IllegalArgumentException("unknown CSP directive '" + name + "'");
      }
      if (CspDirectives.VALUELESS.contains(name) && !sources.isEmpty()) {
        throw new IllegalArgumentException(
            "CSP directive " + name + " takes no value, got " + sources);
      }
      if (!CspDirectives.VALUELESS.contains(name)
          && !CspDirectives.MAY_BE_EMPTY.contains(name)
          && sources.isEmpty()) {
        throw new IllegalArgumentException(
            "CSP directive "
                + name
                + " needs at least one source "
                + "(use 'none' to allow nothing)");
      }
      if (name.equals("report-to") && sources.size() != 1) {
        throw new IllegalArgumentException("CSP directive report-to takes exactly one group name");
      }
      for (String s : sources) {
        if (s == null || s.isEmpty()) {
          throw new IllegalArgumentException("CSP directive " + name + " has an empty source");
        }
        HeaderValues.check("CSP directive " + name + " source", s, ";, ");
        if (CspDirectives.KEYWORDS.contains(s.toLowerCase(Locale.ROOT))) {
          throw new IllegalArgumentException(
              "CSP directive "
                  + name
                  + ": the keyword "
                  + s
                  + " must be single-quoted ('"
                  + s
                  + "'); unquoted it means a host named "
                  + s);
        }
        if (s.toLowerCase(Locale.ROOT).startsWith("nonce-")
            || s.toLowerCase(Locale.ROOT).startsWith("sha256-")) {
          throw new IllegalArgumentException(
              "CSP directive " + name + ": " + s + " must be single-quoted");
        }
      }
      if (sources.contains("'none'") && sources.size() > 1) {
        throw new IllegalArgumentException(
            "CSP directive " + name + " combines 'none' with other sources " + sources);
      }
      return List.copyOf(sources);
    }

    private static String normalize(String directive) {
      if (directive == null || directive.isBlank()) {
        throw new IllegalArgumentException("CSP directive name must not be empty");
      }
      return directive.trim().toLowerCase(Locale.ROOT);
    }
  }
}
