package dev.armet.spring.boot.it;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sample application the load comparison of docs/PERFORMANCE.md ("Spring Boot starter")
 * runs, from the test class path: {@code GET /hello} with the starter, without it
 * ({@code --armet.enabled=false} and Spring Security excluded), or with Spring Security's
 * default chain instead ({@code --armet.enabled=false}, HTTP Basic). Not a test.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(PerfApp.Hello.class)
public class PerfApp {
  public static void main(String[] args) {
    SpringApplication.run(PerfApp.class, args);
  }

  /** One small text answer, no session. */
  @RestController
  public static class Hello {
    @GetMapping("/hello")
    public String hello() {
      return "hello";
    }
  }
}
