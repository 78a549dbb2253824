package dev.armet.internal.ratelimit;

import java.util.function.Function;

/**
 * A rate-limit route's key function whose keys are client addresses as {@link
 * dev.armet.net.ClientAddress#rateLimitKey()} gives them (an IPv4 address or an IPv6 network),
 * never a secret. Only for such keys may a limiter keep the subject beside its keyed name ({@code
 * dev.armet.ratelimit.AddressKeyCache}), so that a returning client costs no HMAC; a key that may
 * be a secret (an API key, a user name) is hashed on every request and never held.
 *
 * <pre>{@code
 * route.limit(policy, (AddressKey<HttpServletRequest>) r -> ClientAddressRequest.of(r).rateLimitKey());
 * }</pre>
 *
 * @param <R> the adapter's request type
 */
public interface AddressKey<R> extends Function<R, String> {}
