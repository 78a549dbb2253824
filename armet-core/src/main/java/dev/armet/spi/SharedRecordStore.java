package dev.armet.spi;

import java.time.Duration;
import java.util.Optional;

/**
 * Small named records that several instances share, and leases (locks that expire) that say which
 * instance may write them: what the ACME certificate manager needs so that only one instance behind
 * a load balancer orders a certificate and every instance serves it. Armet does the encryption, the
 * record format and the polling once, in the server; a store only keeps bytes and leases.
 *
 * <p>Contract (checked by {@code SharedRecordStoreContract} in armet-core's test-jar): {@link
 * #acquire} grants a lease that is free, expired or already the holder's, atomically in the store,
 * with the store's own clock (so instance clocks do not matter). Each grant to a new holder carries
 * a <em>fencing token</em> greater than every token granted before under that name; a renewal by
 * the same holder keeps its token. {@link #write} with a fence writes only if the lease still
 * carries the fence's token (check and write are one atomic step), so an instance that paused past
 * its lease's expiry cannot overwrite what the next holder wrote (Kleppmann's fencing). Records
 * never expire. Methods are thread-safe; a store that cannot answer throws its own runtime
 * exception.
 *
 * <pre>{@code
 * Optional<Lease> lease = records.acquire("acme-order", instanceId, Duration.ofMinutes(2));
 * if (lease.isPresent() && records.write("acme-certificate", bytes, lease.get())) {
 *   records.release(lease.get());
 * }
 * }</pre>
 */
public interface SharedRecordStore {
  /**
   * Takes the lease {@code name} for {@code holder} until {@code ttl} from now (the store's clock)
   * if nobody holds it, its holder let it expire, or {@code holder} holds it already (a renewal,
   * same token).
   *
   * @return the lease, or empty while another holder's lease runs
   */
  Optional<Lease> acquire(String name, String holder, Duration ttl);

  /** Ends {@code lease} if it still holds its name with its token; otherwise nothing. */
  void release(Lease lease);

  /** The record under {@code key}, with the fencing token of the write that stored it. */
  Optional<SharedRecord> read(String key);

  /**
   * Stores {@code value} under {@code key}: unconditionally when {@code fence} is null, otherwise
   * only while the lease {@code fence.name()} carries {@code fence.token()}.
   *
   * @return whether it was written; false: the lease passed to another holder (or ended)
   */
  boolean write(String key, byte[] value, Lease fence);

  /**
   * A granted lease.
   *
   * @param name what is locked
   * @param holder who holds it (an instance's random id)
   * @param token the fencing token: greater for every new holder, the same for a renewal
   */
  record Lease(String name, String holder, long token) {}

  /**
   * A stored record.
   *
   * @param value its bytes
   * @param token the fencing token of the write that stored it (0: unfenced)
   */
  @SuppressWarnings("ArrayRecordComponent") // handed over once; never compared, hashed or a key
  record SharedRecord(byte[] value, long token) {}
}
