package dev.armet.bench;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpSession;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.filter.DelegatingFilterProxy;

/**
 * Spring Security's default servlet chain (what Spring Boot's {@code
 * SpringBootWebSecurityConfiguration} builds: every request authenticated, form login, HTTP Basic,
 * and {@code HttpSecurity}'s defaults: CSRF, headers, session management, security context, request
 * cache, anonymous, logout) in front of the same servlet on the same Jetty, with the session in
 * Jetty's {@code HttpSession}. Only the harness's sign-in route is open.
 */
final class SpringSecurityChain implements AutoCloseable {
  private final AnnotationConfigWebApplicationContext context =
      new AnnotationConfigWebApplicationContext();

  SpringSecurityChain() {
    context.register(Config.class);
  }

  /** The chain as the servlet filter Spring's own bootstrapping registers. */
  Filter filter() {
    return new DelegatingFilterProxy("springSecurityFilterChain", context) {
      @Override
      protected void initFilterBean() throws jakarta.servlet.ServletException {
        context.setServletContext(getServletContext()); // as ContextLoaderListener would
        super.initFilterBean();
      }
    };
  }

  /** What a successful login leaves in the session: the authenticated security context. */
  static void signIn(HttpSession session, String user) {
    SecurityContext sc = SecurityContextHolder.createEmptyContext();
    sc.setAuthentication(
        UsernamePasswordAuthenticationToken.authenticated(
            user, null, AuthorityUtils.createAuthorityList("ROLE_USER")));
    session.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, sc);
  }

  @Override
  public void close() {
    context.close();
  }

  /** Spring Boot's default web security, plus the open sign-in route of the harness. */
  @Configuration
  @EnableWebSecurity
  static class Config {
    @Bean
    SecurityFilterChain chain(HttpSecurity http) throws Exception {
      http.authorizeHttpRequests(
          a -> a.requestMatchers(FullStack.LOGIN).permitAll().anyRequest().authenticated());
      http.formLogin(Customizer.withDefaults());
      http.httpBasic(Customizer.withDefaults());
      return http.build();
    }

    @Bean
    UserDetailsService users() {
      return new InMemoryUserDetailsManager(
          User.withUsername(FullStack.USER).password("{noop}not-used").roles("USER").build());
    }
  }
}
