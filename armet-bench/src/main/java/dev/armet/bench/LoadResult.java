package dev.armet.bench;

/**
 * One load run against one target.
 *
 * @param requestsPerSecond completed responses per second
 * @param p99Micros the 99th percentile latency, in microseconds
 * @param errors socket errors, timeouts and non-2xx responses (a valid run has none)
 */
record LoadResult(double requestsPerSecond, double p99Micros, long errors) {}
