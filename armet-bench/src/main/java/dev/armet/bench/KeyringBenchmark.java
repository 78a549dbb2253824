package dev.armet.bench;

import dev.armet.env.ArmetEnvironment;
import dev.armet.keys.Keyring;
import dev.armet.keys.Secrets;
import dev.armet.keys.TokenContents;
import dev.armet.keys.TokenSealer;
import dev.armet.keys.TokenSigner;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** HMAC-SHA256 sign/verify and AES-256-GCM seal/open of a session id or a small cookie session. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class KeyringBenchmark {
  /** 32 bytes: a session id; 512 bytes: a typical cookie session. */
  @Param({"32", "512"})
  int payloadBytes;

  TokenSigner signer;
  TokenSealer sealer;
  byte[] payload;
  String signed;
  String sealed;

  @Setup
  public void setUp() {
    Keyring ring =
        Keyring.create(
            k ->
                k.environment(ArmetEnvironment.PRODUCTION)
                    .secret(Secrets.generate())
                    .secret(Secrets.generate()));
    signer = ring.signer("bench");
    sealer = ring.sealer("bench");
    payload = new byte[payloadBytes];
    new java.util.Random(1).nextBytes(payload);
    signed = signer.sign(payload, "__Host-id");
    sealed = sealer.seal(payload, "__Host-id");
  }

  @Benchmark
  public String sign() {
    return signer.sign(payload, "__Host-id");
  }

  @Benchmark
  public Optional<TokenContents> verify() {
    return signer.verify(signed, "__Host-id");
  }

  @Benchmark
  public String seal() {
    return sealer.seal(payload, "__Host-id");
  }

  @Benchmark
  public Optional<TokenContents> open() {
    return sealer.open(sealed, "__Host-id");
  }
}
