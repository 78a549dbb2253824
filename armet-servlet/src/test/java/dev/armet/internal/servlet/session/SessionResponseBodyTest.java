package dev.armet.internal.servlet.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.env.ArmetEnvironment;
import dev.armet.session.ServerSessions;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The hooked body is kept in one field: on a container that hands out both the stream and the
 * writer (a lenient one, or a test double), each is still made once and still commits the session.
 */
class SessionResponseBodyTest {
  @Test
  void streamAndWriter_eachMadeOnce_andBothCommitTheSession() throws Exception {
    ServerSessions sessions =
        ServerSessions.create(s -> s.environment(ArmetEnvironment.DEVELOPMENT));
    SessionExchange exchange = SessionExchange.begin(sessions, request(), lenientResponse());
    HttpServletResponse response = exchange.response();

    PrintWriter writer = response.getWriter();
    ServletOutputStream stream = response.getOutputStream();
    assertThat(response.getWriter()).isSameAs(writer);
    assertThat(response.getOutputStream()).isSameAs(stream);
    assertThat(exchange.isCommitted()).as("obtaining them commits nothing").isFalse();

    stream.write(1);
    assertThat(exchange.isCommitted()).isTrue();
  }

  @Test
  void writerAlone_commitsOnFirstWrite() throws Exception {
    ServerSessions sessions =
        ServerSessions.create(s -> s.environment(ArmetEnvironment.DEVELOPMENT));
    SessionExchange exchange = SessionExchange.begin(sessions, request(), lenientResponse());
    HttpServletResponse response = exchange.response();
    PrintWriter writer = response.getWriter();
    assertThat(response.getWriter()).isSameAs(writer);
    writer.write("x");
    writer.flush();
    assertThat(exchange.isCommitted()).isTrue();
  }

  private static HttpServletRequest request() {
    Map<String, Object> attributes = new HashMap<>();
    return (HttpServletRequest)
        Proxy.newProxyInstance(
            SessionResponseBodyTest.class.getClassLoader(),
            new Class<?>[] {HttpServletRequest.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getAttribute" -> attributes.get((String) args[0]);
                  case "setAttribute" -> attributes.put((String) args[0], args[1]);
                  case "removeAttribute" -> attributes.remove((String) args[0]);
                  case "isSecure" -> true;
                  case "getHeaders" -> java.util.Collections.emptyEnumeration();
                  default -> null;
                });
  }

  /** Hands out both the stream and the writer, as the servlet API does not require to refuse. */
  private static HttpServletResponse lenientResponse() {
    ServletOutputStream stream =
        new ServletOutputStream() {
          @Override
          public void write(int b) {}

          @Override
          public boolean isReady() {
            return true;
          }

          @Override
          public void setWriteListener(WriteListener listener) {}
        };
    PrintWriter writer = new PrintWriter(new StringWriter());
    return (HttpServletResponse)
        Proxy.newProxyInstance(
            SessionResponseBodyTest.class.getClassLoader(),
            new Class<?>[] {HttpServletResponse.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getOutputStream" -> stream;
                  case "getWriter" -> writer;
                  case "isCommitted" -> false;
                  default -> null;
                });
  }
}
