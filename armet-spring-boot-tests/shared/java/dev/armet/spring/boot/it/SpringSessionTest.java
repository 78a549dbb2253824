package dev.armet.spring.boot.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Spring Session beside Armet: both would replace HttpSession, so start-up is refused through the
 * FailureAnalyzer, naming both ways out; with Armet's sessions off, Spring Session keeps them.
 */
@ExtendWith(OutputCaptureExtension.class)
class SpringSessionTest {
  private static ConfigurableApplicationContext start(String... properties) {
    return new SpringApplicationBuilder(PlainApp.class, SpringSessionConfig.class)
        .properties("server.port=0", Samples.NO_SECURITY).properties(properties).run();
  }

  @Test
  void springSession_withArmetSessions_refused_namingBothSettings(CapturedOutput output) {
    assertThatThrownBy(() -> start().close()).isInstanceOf(Exception.class);
    assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START")
        .contains("Armet refused to start: the property 'armet.sessions.enabled'")
        .contains("Spring Session's SessionRepositoryFilter and Armet sessions")
        .contains("Set 'armet.sessions.enabled': set armet.sessions.enabled=false to keep Spring"
            + " Session")
        .contains("remove the spring-session dependency");
  }

  @Test
  void springSession_withArmetSessionsOff_startsAndKeepsTheSession() throws Exception {
    try (ConfigurableApplicationContext context = start("armet.sessions.enabled=false")) {
      Http http = new Http(context.getEnvironment().getRequiredProperty("local.server.port",
          Integer.class));
      HttpResponse<String> first = http.get("/");
      assertThat(first.statusCode()).isEqualTo(200);
      assertThat(http.cookies).containsKey("SESSION").doesNotContainKey("__Host-id");
      assertThat(http.get("/").body()).contains("<span id=\"count\">2</span>");
      assertThat(first.headers().firstValue("Content-Security-Policy")).isPresent();
    }
  }
}
