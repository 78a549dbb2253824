/**
 * Cross-site request forgery protection, framework-free, after the OWASP CSRF Prevention Cheat
 * Sheet: {@link dev.armet.csrf.CsrfProtection} checks Fetch Metadata, then Origin/Referer, then a
 * masked token, for every method but GET, HEAD, OPTIONS and TRACE, each layer enforced, report-only
 * or off ({@link dev.armet.csrf.Enforcement}). The token's secret lives in the Armet session or a
 * signed cookie ({@link dev.armet.csrf.CsrfMode}) and rotates when the session is regenerated or
 * invalidated. Adapters present a request as {@link dev.armet.csrf.CsrfRequest}, write headers
 * through {@link dev.armet.csrf.CsrfResponse}, and hand the application the {@link
 * dev.armet.csrf.CsrfToken} of an allowed {@link dev.armet.csrf.CsrfDecision}.
 */
package dev.armet.csrf;
