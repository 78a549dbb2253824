package dev.armet.servlet;

import dev.armet.internal.ratelimit.AddressKey;
import jakarta.servlet.http.HttpServletRequest;

/**
 * {@link RequestKey#clientAddress()}: the resolved client's {@link
 * dev.armet.net.ClientAddress#rateLimitKey()}. Marked as an {@link AddressKey}, so a limiter may
 * cache the keyed name of a returning client's address instead of computing its HMAC per request;
 * it never holds a key that may be a secret.
 */
final class ClientAddressKey implements RequestKey, AddressKey<HttpServletRequest> {
  static final ClientAddressKey INSTANCE = new ClientAddressKey();

  private ClientAddressKey() {}

  @Override
  public String of(HttpServletRequest request) {
    return ClientAddressRequest.of(request).rateLimitKey();
  }

  @Override
  public String apply(HttpServletRequest request) {
    return of(request);
  }
}
