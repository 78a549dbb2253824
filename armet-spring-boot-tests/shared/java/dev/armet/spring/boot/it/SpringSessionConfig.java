package dev.armet.spring.boot.it;

import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.MapSessionRepository;
import org.springframework.session.config.annotation.web.http.EnableSpringHttpSession;

/** An application that uses Spring Session (sessions in a map), as a sample app would with Redis. */
@Configuration(proxyBeanMethods = false)
@EnableSpringHttpSession
public class SpringSessionConfig {
  @Bean
  MapSessionRepository sessionRepository() {
    return new MapSessionRepository(new ConcurrentHashMap<>());
  }
}
