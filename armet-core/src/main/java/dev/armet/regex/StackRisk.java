package dev.armet.regex;

/**
 * The recursion depth of the match grows with the input, so a long enough input throws {@link
 * StackOverflowError}. Lengths are measured on this JVM by running the attack on threads with those
 * stack sizes (interpreted frames are larger than compiled ones, so a cold JVM can overflow a
 * little earlier).
 *
 * @param attack the input shape that recurses
 * @param overflowAt512k the shortest input length that overflowed a 512 KiB stack, or -1 if none up
 *     to {@code probedUpTo}
 * @param overflowAt1m the same for a 1 MiB stack (the usual default on 64-bit Linux)
 * @param probedUpTo the longest input tried
 */
public record StackRisk(Attack attack, int overflowAt512k, int overflowAt1m, int probedUpTo) {}
