package dev.armet.ratelimit;

import dev.armet.keys.KeyedHash;

/**
 * Store keys: {@code policy:name}, where the name is always the subject's keyed hash ({@link
 * KeyedHash}, 22 characters): an API key, an e-mail or an address never sits in a store or a log
 * line in clear, every key costs the same bounded memory, and nobody without the key can test
 * whether a subject is in a store dump. (A limiter on the {@link InMemoryRateLimitStore} itself
 * keeps its subjects in {@link SubjectSlots} instead: same properties, no text.)
 */
final class RateLimitKeys {
  /** The purpose rate-limit subjects are hashed under. */
  static final String PURPOSE = "rate-limit-subject";

  private RateLimitKeys() {}

  /** {@code prefix} is the policy name and ':'. */
  static String storeKey(String prefix, KeyedHash names, String subject) {
    return prefix.concat(names.hash(subject));
  }
}
