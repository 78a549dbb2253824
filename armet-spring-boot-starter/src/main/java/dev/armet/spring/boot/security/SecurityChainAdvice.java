package dev.armet.spring.boot.security;

import dev.armet.spring.boot.ArmetProperties;
import jakarta.servlet.Filter;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.HeaderWriterFilter;

/**
 * Tells, at start-up, which Spring Security DSL line avoids doing a control twice: Armet owns
 * headers and CSRF unless {@code armet.headers.enabled=false} / {@code armet.csrf.enabled=false}.
 */
public final class SecurityChainAdvice implements SmartInitializingSingleton {
  private static final Logger LOG = LoggerFactory.getLogger("armet");
  private final ObjectProvider<SecurityFilterChain> chains;
  private final ArmetProperties properties;
  private final List<String> advice = new ArrayList<>();

  SecurityChainAdvice(ObjectProvider<SecurityFilterChain> chains, ArmetProperties properties) {
    this.chains = chains;
    this.properties = properties;
  }

  /** The advice given (empty when Spring Security and Armet do not overlap). */
  public List<String> advice() {
    return List.copyOf(advice);
  }

  @Override
  public void afterSingletonsInstantiated() {
    boolean headers = false;
    boolean csrf = false;
    for (SecurityFilterChain chain : chains) {
      for (Filter f : chain.getFilters()) {
        headers |= f instanceof HeaderWriterFilter;
        csrf |= f instanceof CsrfFilter;
      }
    }
    if (headers && properties.getHeaders().isEnabled()) {
      advice.add(
          "Spring Security writes security headers too: add"
              + " http.headers(h -> h.disable()) (or set armet.headers.enabled=false to yield them)");
    }
    if (csrf && properties.getCsrf().isEnabled()) {
      advice.add(
          "Spring Security checks CSRF too and would refuse Armet's form token: add"
              + " http.csrf(c -> c.disable()) (or set armet.csrf.enabled=false to yield it)");
    }
    advice.forEach(a -> LOG.warn("Armet beside Spring Security: {}", a));
  }
}
