/**
 * The live-site auditor: {@code Audit.of(uri, options).run()} grades a deployment on headers (with
 * an MDN-Observatory-compatible score), cookies, redirects, leakage and TLS.
 */
module dev.armet.audit {
  requires static transitive org.jspecify; // @Nullable in signatures: for tools, not at run time
  requires com.fasterxml.jackson.databind;
  requires dev.armet.core; // dev.armet.internal.tls: the TLS 1.3 group probe

  exports dev.armet.audit;
}
