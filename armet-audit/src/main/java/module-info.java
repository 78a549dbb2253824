/**
 * The live-site auditor: {@code Audit.of(uri, options).run()} grades a deployment on headers
 * (with an MDN-Observatory-compatible score), cookies, redirects, leakage and TLS.
 */
module dev.armet.audit {
  requires com.fasterxml.jackson.databind;
  exports dev.armet.audit;
}
