package dev.armet.csrf;

/** Why a layer would refuse a request; recorded in security events, never shown to clients. */
enum Refusal {
  CROSS_SITE("fetch-metadata", "cross-site"),
  SAME_SITE("fetch-metadata", "same-site"),
  ORIGIN_NULL("origin", "origin-null"),
  ORIGIN_MISMATCH("origin", "origin-mismatch"),
  REFERER_MISMATCH("origin", "referer-mismatch"),
  TOKEN_IN_QUERY("token", "token-in-query"),
  TOKEN_MISSING("token", "token-missing"),
  TOKEN_INVALID("token", "token-invalid");

  final String layer;
  final String code;

  Refusal(String layer, String code) {
    this.layer = layer;
    this.code = code;
  }
}
