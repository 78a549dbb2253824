package dev.armet.deps;

import dev.armet.deps.internal.OsvRecordParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * OSV's Maven advisories, read from a folder of JSON records (searched recursively, zips inside
 * included) or from OSV's {@code all.zip} export, indexed by {@code groupId:artifactId}.
 *
 * <p>Bad input loses nothing else: a record that is not valid OSV JSON is listed in {@link
 * #problems()} with its file (and zip entry) name, and every other record is read. Withdrawn
 * records are skipped. {@link #retrievedAt()} is when {@code armet deps update} fetched the data
 * ({@value #STAMP_FILE} beside it), else the newest data file's modification time.
 *
 * <pre>{@code
 * OsvDatabase db = OsvDatabase.load(Path.of("osv/all.zip"));
 * db.advisoriesFor("org.apache.logging.log4j:log4j-core");
 * }</pre>
 */
public final class OsvDatabase {
  /**
   * Written by {@code armet deps update} next to the data: {@code retrieved} (ISO instant) and
   * {@code source}.
   */
  public static final String STAMP_FILE = "armet-osv.properties";

  /**
   * A record larger than this is refused (real ones are a few kilobytes): a zip bomb stops here.
   */
  static final int MAX_RECORD_BYTES = 4 * 1024 * 1024;

  private final Map<String, List<Advisory>> byPackage;
  private final int size;
  private final List<String> problems;
  private final Instant retrievedAt;
  private final String source;

  private OsvDatabase(
      Map<String, List<Advisory>> byPackage,
      int size,
      List<String> problems,
      Instant retrievedAt,
      String source) {
    this.byPackage = byPackage;
    this.size = size;
    this.problems = List.copyOf(problems);
    this.retrievedAt = retrievedAt;
    this.source = source;
  }

  /** An in-memory database (tests, benchmarks, the run-time check). */
  public static OsvDatabase of(List<Advisory> advisories, Instant retrievedAt) {
    Loader loader = new Loader();
    advisories.forEach(loader::add);
    return loader.build(retrievedAt, "memory");
  }

  /**
   * Reads a folder or a zip. Throws {@link IOException} when the path does not exist or cannot be
   * read at all; a bad record only lands in {@link #problems()}.
   */
  public static OsvDatabase load(Path path) throws IOException {
    if (!Files.exists(path)) {
      throw new java.nio.file.NoSuchFileException(
          path.toString(),
          null,
          "no OSV data here; run `armet deps update --to " + path + "` or give --osv DIR|ZIP");
    }
    Loader loader = new Loader();
    Instant newest = Instant.EPOCH;
    List<Path> files;
    if (Files.isDirectory(path)) {
      try (Stream<Path> walk = Files.walk(path)) {
        files =
            walk.filter(Files::isRegularFile)
                .filter(p -> p.toString().endsWith(".json") || p.toString().endsWith(".zip"))
                .sorted()
                .toList();
      }
    } else {
      files = List.of(path);
    }
    for (Path f : files) {
      FileTime modified = Files.getLastModifiedTime(f);
      if (modified.toInstant().isAfter(newest)) {
        newest = modified.toInstant();
      }
      if (f.toString().endsWith(".zip") || isZip(f)) {
        loader.readZip(f);
      } else {
        try (InputStream in = Files.newInputStream(f)) {
          loader.read(in, f.toString());
        }
      }
    }
    Path stampDir = Files.isDirectory(path) ? path : path.toAbsolutePath().getParent();
    Instant stamped = readStamp(stampDir.resolve(STAMP_FILE)).orElse(newest);
    return loader.build(stamped, path.toString());
  }

  private static boolean isZip(Path f) throws IOException {
    try (InputStream in = Files.newInputStream(f)) {
      byte[] magic = in.readNBytes(4);
      return magic.length == 4
          && magic[0] == 'P'
          && magic[1] == 'K'
          && magic[2] == 3
          && magic[3] == 4;
    }
  }

  private static Optional<Instant> readStamp(Path stamp) throws IOException {
    if (!Files.isRegularFile(stamp)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(stamp)) {
      p.load(r);
    }
    String retrieved = p.getProperty("retrieved");
    try {
      return retrieved == null ? Optional.empty() : Optional.of(Instant.parse(retrieved));
    } catch (java.time.format.DateTimeParseException e) {
      throw new IOException(stamp + ": retrieved=" + retrieved + " is not an ISO-8601 instant", e);
    }
  }

  /** The advisories naming {@code groupId:artifactId}; empty when none. */
  public List<Advisory> advisoriesFor(String coordinate) {
    return byPackage.getOrDefault(coordinate, List.of());
  }

  /** How many (non-withdrawn, Maven) records were read. */
  public int size() {
    return size;
  }

  /** One line per record that could not be read: the file (and zip entry) and why. */
  public List<String> problems() {
    return problems;
  }

  public Instant retrievedAt() {
    return retrievedAt;
  }

  /** How old the data is at {@code now} (never negative). */
  public java.time.Duration ageAt(Instant now) {
    java.time.Duration age = java.time.Duration.between(retrievedAt, now);
    return age.isNegative() ? java.time.Duration.ZERO : age;
  }

  /** Where the data was read from. */
  public String source() {
    return source;
  }

  private static final class Loader {
    private final Map<String, List<Advisory>> byPackage = new HashMap<>();
    private final List<String> problems = new ArrayList<>();
    private int size;

    void readZip(Path zip) {
      try (ZipFile z = new ZipFile(zip.toFile())) {
        for (ZipEntry e : Collections.list(z.entries())) {
          if (!e.isDirectory() && e.getName().endsWith(".json")) {
            try (InputStream in = z.getInputStream(e)) {
              byte[] bytes = in.readNBytes(MAX_RECORD_BYTES + 1);
              if (bytes.length > MAX_RECORD_BYTES) {
                problems.add(
                    zip
                        + "!"
                        + e.getName()
                        + ": larger than "
                        + MAX_RECORD_BYTES
                        + " bytes; refused");
                continue;
              }
              read(new java.io.ByteArrayInputStream(bytes), zip + "!" + e.getName());
            }
          }
        }
      } catch (IOException e) {
        problems.add(zip + ": not a readable zip (" + e.getMessage() + ")");
      }
    }

    void read(InputStream in, String name) {
      try {
        OsvRecordParser.parse(in).ifPresent(this::add);
      } catch (IOException | RuntimeException e) {
        String why =
            e.getMessage() == null
                ? e.getClass().getSimpleName()
                : e.getMessage().lines().findFirst().orElse("");
        problems.add(name + ": not a valid OSV record (" + why + ")");
      }
    }

    void add(Advisory a) {
      size++;
      a.affected().stream()
          .map(AffectedPackage::coordinate)
          .distinct()
          .forEach(c -> byPackage.computeIfAbsent(c, k -> new ArrayList<>()).add(a));
    }

    OsvDatabase build(Instant retrievedAt, String source) {
      Map<String, List<Advisory>> frozen = new HashMap<>();
      byPackage.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
      return new OsvDatabase(Map.copyOf(frozen), size, problems, retrievedAt, source);
    }
  }
}
