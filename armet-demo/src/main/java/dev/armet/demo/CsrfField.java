package dev.armet.demo;

import dev.armet.csrf.CsrfToken;

/** The CSRF field of one response: its name and a token masked for this response (BREACH). */
record CsrfField(String name, String token) {
  /** Mints the token now: call it before the body is written (the secret may need a cookie). */
  static CsrfField of(CsrfToken csrf) {
    return new CsrfField(csrf.getParameterName(), csrf.getToken());
  }
}
