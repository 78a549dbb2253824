package dev.armet.ratelimit;

/**
 * A key of the in-memory store: a subject's slot under a policy ({@code space} the policy name,
 * {@code hi}/{@code lo} from {@link SubjectSlots}), or a text key from the SPI ({@code text},
 * {@code space} the whole key, {@code hi}/{@code lo} its SipHash under the store's own key, for
 * placement only). The two kinds never equal each other.
 */
record SlotKey(String space, boolean text, long hi, long lo) {
  /** A subject's slot under the policy named {@code policy}. */
  static SlotKey subject(String policy, SipHash slot) {
    return new SlotKey(policy, false, slot.hi(), slot.lo());
  }

  /** What a dump of the store shows: a text key as it is, a slot as its policy and numbers. */
  @Override
  public String toString() {
    return text ? space : space + ":#" + hex(hi) + hex(lo);
  }

  private static String hex(long v) {
    String h = Long.toHexString(v);
    return "0".repeat(16 - h.length()) + h;
  }
}
