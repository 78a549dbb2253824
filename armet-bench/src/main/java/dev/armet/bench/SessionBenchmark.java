package dev.armet.bench;

import dev.armet.cookie.RequestCookies;
import dev.armet.env.ArmetEnvironment;
import dev.armet.keys.Keyring;
import dev.armet.keys.Secrets;
import dev.armet.session.MemorySessionStore;
import dev.armet.session.ServerSessions;
import dev.armet.session.Session;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A whole request's session work through the memory store: verify the cookie, load, and either
 * leave the session alone (read) or change one attribute and save it (write, which re-reads the
 * stored copy to merge concurrent changes).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SessionBenchmark {
  ServerSessions sessions;
  RequestCookies cookies;
  int counter;

  @Setup
  public void setUp() {
    Keyring ring =
        Keyring.create(k -> k.environment(ArmetEnvironment.PRODUCTION).secret(Secrets.generate()));
    sessions =
        ServerSessions.create(
            s ->
                s.environment(ArmetEnvironment.DEVELOPMENT)
                    .keyring(ring)
                    .store(new MemorySessionStore())
                    .events(e -> {}));
    Session first = sessions.open(RequestCookies.empty(), true);
    first.set("user", "alice");
    first.set("cart", List.of(Map.of("sku", "A-1", "qty", 2), Map.of("sku", "B-7", "qty", 1)));
    first.set("visits", 1);
    String setCookie = sessions.commit(first).orElseThrow();
    cookies = RequestCookies.parse(setCookie.substring(0, setCookie.indexOf(';')));
  }

  @Benchmark
  public Optional<String> loadRead() {
    Session s = sessions.open(cookies, true);
    s.get("user");
    return sessions.commit(s);
  }

  @Benchmark
  public Optional<String> loadModifySave() {
    Session s = sessions.open(cookies, true);
    s.set("visits", ++counter);
    return sessions.commit(s);
  }
}
