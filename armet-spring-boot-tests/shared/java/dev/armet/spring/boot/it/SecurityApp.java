package dev.armet.spring.boot.it;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The Spring Security sample: form login on Armet's sessions, with the two DSL lines the
 * starter asks for (Armet owns headers and CSRF). Nothing else: the login throttle is wired by
 * the starter.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(PageController.class)
public class SecurityApp {
  static final String PASSWORD = "correct horse battery staple";

  @Bean
  SecurityFilterChain chain(HttpSecurity http) throws Exception {
    http.authorizeHttpRequests(a -> a.requestMatchers("/private").authenticated()
            .anyRequest().permitAll())
        .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/private", true))
        .headers(h -> h.disable())
        .csrf(c -> c.disable());
    return http.build();
  }

  @Bean
  InMemoryUserDetailsManager users() {
    return new InMemoryUserDetailsManager(
        User.withUsername("alice").password("{noop}" + PASSWORD).roles("USER").build(),
        User.withUsername("carol").password("{noop}" + PASSWORD).roles("USER").build(),
        User.withUsername("dora").password("{noop}" + PASSWORD).roles("USER").build());
  }
}
