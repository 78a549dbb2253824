package dev.armet.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A data source whose connections count the statements executed, commits and autocommit-off
 * switches at the JDBC boundary: what a store costs the database, counted rather than timed.
 */
final class StatementCounter {
  private final DataSource real;
  final AtomicInteger executed = new AtomicInteger();
  final AtomicInteger commits = new AtomicInteger();
  final AtomicInteger transactions = new AtomicInteger();

  StatementCounter(DataSource real) {
    this.real = real;
  }

  void reset() {
    executed.set(0);
    commits.set(0);
    transactions.set(0);
  }

  DataSource dataSource() {
    return proxy(
        DataSource.class,
        real,
        (target, method, args) -> {
          Object out = method.invoke(target, args);
          return method.getName().equals("getConnection") ? connection((Connection) out) : out;
        });
  }

  private Connection connection(Connection c) {
    return proxy(
        Connection.class,
        c,
        (target, method, args) -> {
          String name = method.getName();
          if (name.equals("commit")) {
            commits.incrementAndGet();
          } else if (name.equals("setAutoCommit")
              && Boolean.FALSE.equals(args[0])
              && c.getAutoCommit()) {
            transactions.incrementAndGet();
          }
          Object out = method.invoke(target, args);
          return name.equals("prepareStatement") ? statement((PreparedStatement) out) : out;
        });
  }

  private PreparedStatement statement(PreparedStatement s) {
    return proxy(
        PreparedStatement.class,
        s,
        (target, method, args) -> {
          if (method.getName().startsWith("execute")) {
            executed.incrementAndGet();
          }
          return method.invoke(target, args);
        });
  }

  private interface Handler {
    Object handle(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable;
  }

  private static <T> T proxy(Class<T> type, T target, Handler handler) {
    InvocationHandler h =
        (p, method, args) -> {
          try {
            return handler.handle(target, method, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, h));
  }
}
