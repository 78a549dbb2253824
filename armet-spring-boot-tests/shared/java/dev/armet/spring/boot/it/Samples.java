package dev.armet.spring.boot.it;

/** Properties the sample applications share. */
final class Samples {
  /** Spring Security's auto-configuration on both Boot lines (Boot 4 moved it; absent names are ignored). */
  static final String NO_SECURITY = "spring.autoconfigure.exclude="
      + "org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration,"
      + "org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration,"
      + "org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration,"
      + "org.springframework.boot.actuate.autoconfigure.security.servlet.ManagementWebSecurityAutoConfiguration,"
      + "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration,"
      + "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration,"
      + "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration,"
      + "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration,"
      + "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration";

  private Samples() {}
}
