package dev.armet.event;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The one gate every request-triggered security event passes, so that what a client sends can never
 * turn into a log flood: per event type, a burst of {@link Builder#burst} events, then one per
 * {@link Builder#interval}. What the gate holds back is counted, never silently lost: the next
 * event of that type that passes carries the count in its {@value #SUPPRESSED} field, and a count
 * left pending when the type falls quiet is reported as an {@value #SUMMARY} event (with {@code
 * type} and {@value #SUPPRESSED}) as soon as any other event passes, or by {@link #flush}.
 *
 * <p>Threat: an unauthenticated client that can trigger an event per request (a CSP report, a
 * tampered cookie, a refused CSRF check) would otherwise buy one log line, or a hundred, per
 * request. Defaults: a burst of 10 per type, then one per second. The number of distinct types is
 * bounded ({@value #MAX_TYPES}); types beyond it share one budget. Thread-safe.
 *
 * <pre>{@code
 * SecurityEventSink events = EventGate.around(SecurityEventSink.logging());
 * ArmetFilter filter = ArmetFilter.create(a -> a.events(events));
 * }</pre>
 *
 * <p>Components that record request-triggered events wrap their sink with {@link #gated}, which
 * leaves a sink that is already a gate as it is: give several components one gate and they share
 * its budget.
 */
public final class EventGate implements SecurityEventSink {
  /** The field that carries how many events of this type the gate held back before this one. */
  public static final String SUPPRESSED = "suppressed";

  /** The type of the event that reports a count no later event of its type carried. */
  public static final String SUMMARY = "sys_events_suppressed";

  /** Distinct event types with their own budget; later ones share {@value #OVERFLOW_TYPE}'s. */
  public static final int MAX_TYPES = 256;

  private static final String OVERFLOW_TYPE = "(other)";

  private final SecurityEventSink downstream;
  private final int burst;
  private final long intervalNanos;
  private final InstantSource clock;
  private final @Nullable SecurityEventSink observer;
  private final Map<String, TypeBudget> budgets = new ConcurrentHashMap<>();
  private volatile boolean pending;

  private EventGate(Builder b) {
    this.downstream = b.downstream;
    this.burst = b.burst;
    this.intervalNanos = b.interval.toNanos();
    this.clock = b.clock;
    this.observer = b.observer;
  }

  /**
   * A gate with the defaults (a burst of 10 per type, then one a second) in front of {@code sink}.
   */
  public static EventGate around(SecurityEventSink sink) {
    return builder(sink).build();
  }

  /** {@code sink} itself when it already is a gate, else a default gate around it. */
  public static SecurityEventSink gated(SecurityEventSink sink) {
    return sink instanceof EventGate ? sink : around(sink);
  }

  public static Builder builder(SecurityEventSink sink) {
    return new Builder(sink);
  }

  @Override
  public void record(SecurityEvent event) {
    if (observer != null) {
      observer.record(event);
    }
    long now = nanos();
    TypeBudget budget = budget(event.type());
    long suppressed = budget.take(now, burst, intervalNanos);
    if (suppressed < 0) {
      pending = true;
      return;
    }
    downstream.record(suppressed > 0 ? event.with(SUPPRESSED, suppressed) : event);
    if (pending) {
      reportQuietTypes(now, event.type());
    }
  }

  /**
   * Reports every count still pending now, whatever the budgets (at shutdown, or on a schedule).
   */
  public void flush() {
    pending = false;
    for (Map.Entry<String, TypeBudget> e : budgets.entrySet()) {
      long n = e.getValue().drain();
      if (n > 0) {
        summarize(e.getKey(), n);
      }
    }
  }

  private void reportQuietTypes(long now, String passed) {
    pending = false;
    for (Map.Entry<String, TypeBudget> e : budgets.entrySet()) {
      if (e.getKey().equals(passed)) {
        continue;
      }
      long n = e.getValue().drainIfQuiet(now, burst, intervalNanos);
      if (n > 0) {
        summarize(e.getKey(), n);
      } else if (n < 0) {
        pending = true; // still flooding: its own next event, or a later pass, reports it
      }
    }
  }

  private void summarize(String type, long suppressed) {
    // Not the request that happens to pass now: the count is about others.
    downstream.record(
        SecurityEvent.of(SUMMARY)
            .request(null, null)
            .with("type", type)
            .with(SUPPRESSED, suppressed));
  }

  private TypeBudget budget(String type) {
    TypeBudget b = budgets.get(type);
    if (b != null) {
      return b;
    }
    String key = budgets.size() >= MAX_TYPES ? OVERFLOW_TYPE : type;
    return budgets.computeIfAbsent(key, k -> new TypeBudget(nanos(), burst));
  }

  private long nanos() {
    java.time.Instant now = clock.instant();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  /** Builds an {@link EventGate}. */
  public static final class Builder {
    private final SecurityEventSink downstream;
    private int burst = 10;
    private Duration interval = Duration.ofSeconds(1);
    private InstantSource clock = InstantSource.system();
    private @Nullable SecurityEventSink observer;

    private Builder(SecurityEventSink downstream) {
      this.downstream = Objects.requireNonNull(downstream, "sink");
    }

    /** Events of one type let through at once before the rate applies (default 10, 1 to 10000). */
    public Builder burst(int events) {
      if (events < 1 || events > 10_000) {
        throw new IllegalArgumentException("burst must be between 1 and 10000, was " + events);
      }
      this.burst = events;
      return this;
    }

    /** After the burst, one event of a type per this interval (default 1 s, 1 ms to 1 h). */
    public Builder interval(Duration interval) {
      Objects.requireNonNull(interval, "interval");
      if (interval.compareTo(Duration.ofMillis(1)) < 0
          || interval.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException(
            "interval must be between 1 ms and 1 h, was " + interval);
      }
      this.interval = interval;
      return this;
    }

    /** The time source (tests pass a controllable one; default the system clock). */
    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sees every event before the gate decides, passed or held back (metrics: a flood is then
     * counted in full and logged in summary). Because components leave a sink that is already a
     * gate as it is ({@link #gated}), an observer placed here is never behind a second gate. It
     * runs on the recording thread: it must be quick and must not throw.
     *
     * <pre>{@code
     * EventGate.builder(SecurityEventSink.logging()).observer(e -> ArmetMetrics.count(registry, e)).build();
     * }</pre>
     */
    public Builder observer(SecurityEventSink observer) {
      this.observer = Objects.requireNonNull(observer, "observer");
      return this;
    }

    public EventGate build() {
      return new EventGate(this);
    }
  }
}
