package dev.armet.regex;

/**
 * A safer equivalent of the pattern, checked before it is offered: both patterns agreed on every
 * string of a generated corpus ({@code corpusSize} strings, matching and non-matching ones) and the
 * replacement's own verdict is linear with no stack risk.
 */
public record Rewrite(String pattern, String reason, int corpusSize) {}
