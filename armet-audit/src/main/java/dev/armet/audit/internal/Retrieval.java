package dev.armet.audit.internal;

import java.util.List;

/**
 * What the Observatory's retriever would have fetched: the http and https redirect chains, the
 * "auto" response (https when it answered, else http), and the cookies its jar kept.
 *
 * @param hostname the host (and port, as the user gave it)
 * @param httpChain every response from the http URL on (empty when http did not answer)
 * @param httpVerified whether every certificate on the http chain validated
 * @param httpsChain every response from the https URL on (empty when https did not answer)
 * @param httpsVerified whether the https chain's certificates validated
 * @param cookies the cookies the jar kept, in order
 * @param cors the response to the CORS preflight, or null
 */
public record Retrieval(
    String hostname,
    List<Exchange> httpChain,
    boolean httpVerified,
    List<Exchange> httpsChain,
    boolean httpsVerified,
    List<SetCookie> cookies,
    Exchange cors) {
  public Retrieval {
    httpChain = List.copyOf(httpChain);
    httpsChain = List.copyOf(httpsChain);
    cookies = List.copyOf(cookies);
  }

  public boolean httpsAnswered() {
    return !httpsChain.isEmpty();
  }

  /** The response the tests look at: the end of the https chain if any, else of the http chain. */
  public Exchange auto() {
    List<Exchange> chain = httpsAnswered() ? httpsChain : httpChain;
    return chain.isEmpty() ? null : chain.get(chain.size() - 1);
  }

  public Exchange httpFinal() {
    return httpChain.isEmpty() ? null : httpChain.get(httpChain.size() - 1);
  }

  public Exchange httpsFinal() {
    return httpsChain.isEmpty() ? null : httpsChain.get(httpsChain.size() - 1);
  }

  /** Whether the site ends up on https, by either chain. */
  public boolean endsOnHttps() {
    return auto() != null && "https".equals(auto().url().getScheme());
  }

  /** Whether the auto response came from the https session (the Observatory's notion). */
  public boolean autoIsHttps() {
    return httpsAnswered();
  }
}
