package dev.armet.spring.boot.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.armet.spring.boot.ArmetStores;
import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

/**
 * The JDBC sample: Armet's sessions in PostgreSQL through the application's own HikariCP
 * DataSource (Boot's managed HikariCP and driver), no second pool.
 */
@SpringBootTest(classes = PlainApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {Samples.NO_SECURITY, "armet.store=jdbc"})
class JdbcAppTest {
  @Autowired Environment environment;
  @Autowired ArmetStores stores;
  @Autowired DataSource dataSource;
  @Autowired MeterRegistry meters;

  @Test
  void jdbcStores_onBootsDataSource_keepSessions() throws Exception {
    assertThat(dataSource).isInstanceOf(HikariDataSource.class);
    assertThat(stores.kind()).isEqualTo("jdbc (the application's DataSource, POSTGRESQL)");
    Http http = new Http(environment.getRequiredProperty("local.server.port", Integer.class));
    long saved = Meters.timed(meters, "sessions", "save", "ok");
    long hits = Meters.timed(meters, "sessions", "load", "hit");
    assertThat(http.get("/").body()).contains("<span id=\"count\">1</span>");
    assertThat(http.get("/").body()).contains("<span id=\"count\">2</span>");
    // Each PostgreSQL statement timed once: two writes (create, update), one read.
    assertThat(Meters.timed(meters, "sessions", "save", "ok")).isEqualTo(saved + 2);
    assertThat(Meters.timed(meters, "sessions", "load", "hit")).isEqualTo(hits + 1);
    assertThat(Http.armetHealthUp(http.get("/actuator/health").body())).isTrue();
  }
}
