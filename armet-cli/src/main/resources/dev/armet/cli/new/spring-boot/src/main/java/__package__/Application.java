package @@PACKAGE@@;

import dev.armet.env.ArmetEnvironment;
import dev.armet.event.SecurityEventSink;
import dev.armet.keys.Keyring;
import dev.armet.login.LoginThrottle;
import dev.armet.login.PasswordHasher;
import dev.armet.spring.boot.ArmetStores;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The application. armet-spring-boot-starter adds, with no code here: the security headers (a
 * Content-Security-Policy with a per-request nonce for scripts), server sessions in Armet's
 * store ({@code armet.store}), CSRF protection on every form post, and the production
 * refusals ({@code ARMET_ENV=production} without {@code ARMET_SECRETS}, or with an in-memory
 * store, does not start). This class adds what a sign-in needs: the login throttle, on the same store and
 * key ring, and the password hasher.
 *
 * <p>Settings are in {@code application.properties}; every one can be overridden by an
 * environment variable ({@code ARMET_ENV}, {@code ARMET_SECRETS}, {@code ARMET_STORE},
 * {@code APP_DATA}, {@code SPRING_DATASOURCE_URL}, {@code SERVER_PORT}).
 */
@SpringBootApplication
public class Application {
  public static void main(String[] args) {
    SpringApplication.run(Application.class, args);
  }

  /**
   * 10 wrong passwords for one (username, address) pair lock that pair out (1 minute, then 5,
   * then an hour); counted in {@code armet.store}, so every instance sees the same count.
   */
  @Bean
  LoginThrottle loginThrottle(ArmetEnvironment environment, ArmetStores stores, Keyring keyring,
      SecurityEventSink events) {
    return LoginThrottle.builder().environment(environment).store(stores.rateLimits()).keyring(keyring)
        .events(events).build();
  }

  @Bean
  PasswordHasher passwordHasher() {
    return new Argon2idHasher();
  }
}
