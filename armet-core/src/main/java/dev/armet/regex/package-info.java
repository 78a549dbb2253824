/**
 * ReDoS analysis and a run-time guard for {@link java.util.regex.Pattern}.
 *
 * <p>Public surface: {@link dev.armet.regex.RegexSafety} (analysis, returning an immutable {@link
 * dev.armet.regex.RegexVerdict} with its {@link dev.armet.regex.Attack}, {@link
 * dev.armet.regex.Proof}, {@link dev.armet.regex.StackRisk} and {@link dev.armet.regex.Rewrite}),
 * {@link dev.armet.regex.MatchMode}, {@link dev.armet.regex.Complexity}, and {@link
 * dev.armet.regex.SafePattern} with {@link dev.armet.regex.RegexBudgetExceededException}.
 * Everything in {@code .internal} is implementation.
 */
package dev.armet.regex;
