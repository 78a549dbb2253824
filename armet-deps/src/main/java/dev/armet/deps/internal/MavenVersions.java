package dev.armet.deps.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.maven.artifact.versioning.ComparableVersion;

/**
 * Maven's own version order ({@link ComparableVersion}, maven-artifact 3.9.x), with the parsed
 * versions cached: a database holds a few thousand distinct versions and matching compares each
 * many times.
 */
public final class MavenVersions {
  private static final int CACHE_LIMIT = 200_000;
  private static final Map<String, ComparableVersion> CACHE = new ConcurrentHashMap<>();

  private MavenVersions() {}

  public static ComparableVersion parse(String version) {
    ComparableVersion v = CACHE.get(version);
    if (v == null) {
      v = new ComparableVersion(version);
      if (CACHE.size() < CACHE_LIMIT) {
        CACHE.put(version, v);
      }
    }
    return v;
  }

  public static int compare(String a, String b) {
    return parse(a).compareTo(parse(b));
  }
}
