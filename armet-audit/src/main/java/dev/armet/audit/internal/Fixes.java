package dev.armet.audit.internal;

import java.util.Map;

/**
 * The fix for a finding, worded for the detected stack: the Armet setting, the Spring Security DSL
 * line, the nginx directive, or the Express/Helmet option. Topics without a stack-specific wording
 * get a generic one.
 */
public final class Fixes {
  private record Advice(
      String armet, String spring, String nginx, String express, String generic) {}

  private static final Map<String, Advice> BY_TOPIC =
      Map.ofEntries(
          Map.entry(
              "csp",
              new Advice(
                  "Armet sends a strict CSP by default; keep it, loosen per directive: ArmetFilter.create(a -> a.headers(h -> h.contentSecurityPolicy(csp -> csp.nonce(\"script-src\"))))",
                  "http.headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(\"default-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'self'\")))",
                  "add_header Content-Security-Policy \"default-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'self'\" always;",
                  "app.use(helmet({ contentSecurityPolicy: { directives: { defaultSrc: [\"'self'\"], objectSrc: [\"'none'\"] } } }))",
                  "Send Content-Security-Policy: default-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'self' (add nonces rather than 'unsafe-inline')")),
          Map.entry(
              "hsts",
              new Advice(
                  "Armet sends HSTS on every https response by default; serve through armet-server or ArmetFilter and do not disable strictTransportSecurity",
                  "http.headers(h -> h.httpStrictTransportSecurity(hsts -> hsts.maxAgeInSeconds(31536000).includeSubDomains(true)))",
                  "add_header Strict-Transport-Security \"max-age=31536000; includeSubDomains\" always;",
                  "app.use(helmet.strictTransportSecurity({ maxAge: 31536000, includeSubDomains: true }))",
                  "Send Strict-Transport-Security: max-age=31536000; includeSubDomains on every https response")),
          Map.entry(
              "redirect",
              new Advice(
                  "armet-server redirects http to https by default (ARMET_SERVER_HTTP_PORT; ARMET_SERVER_CANONICAL_HOST pins the host)",
                  "http.requiresChannel(c -> c.anyRequest().requiresSecure()) — or redirect at the proxy",
                  "server { listen 80; return 301 https://$host$request_uri; } (with server_name listing only your hosts)",
                  "redirect in the proxy, or app.use((req, res, next) => req.secure ? next() : res.redirect(301, 'https://' + CANONICAL_HOST + req.url))",
                  "Redirect every http URL with 301 to the same path on https on the same, fixed host")),
          Map.entry(
              "cookie",
              new Advice(
                  "Armet's session cookie is __Host-id; Secure, HttpOnly, SameSite=Lax by default: set application cookies with dev.armet.cookie.SetCookie, which has the same defaults",
                  "server.servlet.session.cookie.secure=true, .http-only=true, .same-site=lax (and name it __Host-id)",
                  "proxy_cookie_flags ~ secure httponly samesite=lax;",
                  "app.use(session({ name: '__Host-sid', cookie: { secure: true, httpOnly: true, sameSite: 'lax', path: '/' } }))",
                  "Set cookies with Secure; HttpOnly; SameSite=Lax; Path=/ and a __Host- name prefix, no Domain")),
          Map.entry(
              "xcto",
              new Advice(
                  "Armet sends X-Content-Type-Options: nosniff by default; remove the headers(h -> h.contentTypeOptions(false)) loosening",
                  "http.headers(h -> h.contentTypeOptions(Customizer.withDefaults()))",
                  "add_header X-Content-Type-Options nosniff always;",
                  "app.use(helmet.noSniff())",
                  "Send X-Content-Type-Options: nosniff")),
          Map.entry(
              "frame",
              new Advice(
                  "Armet sends frame-ancestors 'self' and X-Frame-Options: SAMEORIGIN by default; allow a partner per route with ArmetHeaders.of(request).allowFraming(origin)",
                  "http.headers(h -> h.frameOptions(f -> f.sameOrigin()))",
                  "add_header X-Frame-Options SAMEORIGIN always; (and frame-ancestors 'self' in the CSP)",
                  "app.use(helmet.frameguard({ action: 'sameorigin' }))",
                  "Send CSP frame-ancestors 'self' (and X-Frame-Options: SAMEORIGIN for old browsers)")),
          Map.entry(
              "referrer",
              new Advice(
                  "Armet sends Referrer-Policy: no-referrer by default; headers(h -> h.referrerPolicy(...)) picks another private one",
                  "http.headers(h -> h.referrerPolicy(r -> r.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)))",
                  "add_header Referrer-Policy strict-origin-when-cross-origin always;",
                  "app.use(helmet.referrerPolicy({ policy: 'no-referrer' }))",
                  "Send Referrer-Policy: strict-origin-when-cross-origin (or no-referrer)")),
          Map.entry(
              "isolation",
              new Advice(
                  "Armet sends Cross-Origin-Opener-Policy and Cross-Origin-Resource-Policy: same-origin by default; COEP is opt-in: headers(h -> h.crossOriginEmbedderPolicy(...))",
                  "http.headers(h -> h.crossOriginOpenerPolicy(c -> c.policy(SAME_ORIGIN)).crossOriginResourcePolicy(c -> c.policy(SAME_ORIGIN)))",
                  "add_header Cross-Origin-Opener-Policy same-origin always; add_header Cross-Origin-Resource-Policy same-origin always;",
                  "app.use(helmet({ crossOriginOpenerPolicy: true, crossOriginResourcePolicy: { policy: 'same-origin' } }))",
                  "Send Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Resource-Policy: same-origin")),
          Map.entry(
              "permissions",
              new Advice(
                  "Armet sends a Permissions-Policy that turns off unused powerful features by default; keep it",
                  "http.headers(h -> h.permissionsPolicyHeader(p -> p.policy(\"camera=(), microphone=(), geolocation=()\")))",
                  "add_header Permissions-Policy \"camera=(), microphone=(), geolocation=(), payment=()\" always;",
                  "res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=()') (Helmet has no option for it)",
                  "Send Permissions-Policy: camera=(), microphone=(), geolocation=(), payment=()")),
          Map.entry(
              "legacy-header",
              new Advice(
                  "Armet never sends it; remove whatever adds it (a proxy or an older filter)",
                  "remove the header: Spring Security 6+ sends X-XSS-Protection: 0 and neither HPKP nor Expect-CT",
                  "remove the add_header line that sets it",
                  "app.use(helmet()) sends X-XSS-Protection: 0; remove hpkp/expectCt middleware",
                  "Remove the header (obsolete; X-XSS-Protection should be 0 or absent)")),
          Map.entry(
              "banner",
              new Advice(
                  "armet-server sends no Server or X-Powered-By header; remove the proxy or container setting that adds it",
                  "server.server-header= (empty) and, behind Tomcat, remove the X-Powered-By valve",
                  "server_tokens off; (and more_clear_headers Server; with headers-more)",
                  "app.disable('x-powered-by') (helmet() does it too)",
                  "Remove Server versions and X-Powered-By from responses")),
          Map.entry(
              "errors",
              new Advice(
                  "ARMET_ENV=production: Armet's error pages carry no stack trace, exception text or server name",
                  "server.error.whitelabel.enabled=false, server.error.include-stacktrace=never, server.error.include-message=never",
                  "error_page 400 404 500 502 503 /error.html; and proxy_intercept_errors on;",
                  "NODE_ENV=production and an error handler: app.use((err, req, res, next) => res.status(500).send('Error'))",
                  "Serve generic error pages: no stack trace, exception text, framework name or version")),
          Map.entry(
              "endpoints",
              new Advice(
                  "do not mount management servlets on the public connector; bind them to a private port",
                  "management.endpoints.web.exposure.include=health and management.server.port on a private interface; spring.h2.console.enabled=false",
                  "location ~ ^/(actuator|h2-console|jolokia) { deny all; }",
                  "do not expose debugging routes in production",
                  "Do not expose management endpoints publicly; bind them to a private interface or require authentication")),
          Map.entry(
              "trace",
              new Advice(
                  "armet-server refuses TRACE with 405 by default; serve through it",
                  "server.tomcat: allowTrace=false (the default); check the proxy in front",
                  "if ($request_method = TRACE) { return 405; }",
                  "reject TRACE in the proxy; Express does not answer it by default",
                  "Refuse TRACE (405)")),
          Map.entry(
              "cors",
              new Advice(
                  "Armet does not send CORS headers; whatever reflects Origin with credentials must allow a fixed list of origins",
                  "http.cors(c -> c.configurationSource(source)) with setAllowedOrigins(List.of(\"https://app.example\")) — never a reflected origin with allowCredentials",
                  "map $http_origin $cors_ok { \"https://app.example\" $http_origin; default \"\"; } add_header Access-Control-Allow-Origin $cors_ok;",
                  "app.use(cors({ origin: ['https://app.example'], credentials: true })) — never origin: true with credentials",
                  "Allow a fixed list of origins; never reflect Origin together with Access-Control-Allow-Credentials: true")),
          Map.entry(
              "ratelimit",
              new Advice(
                  "ArmetFilter rateLimits(HttpRateLimits.builder().route(\"/login\", ...)) answers 429 with Retry-After and the IETF RateLimit headers",
                  "add a rate limiter (Bucket4j, or Armet's filter) that answers 429 with Retry-After",
                  "limit_req_zone $binary_remote_addr zone=site:10m rate=10r/s; limit_req zone=site burst=20; limit_req_status 429;",
                  "app.use(rateLimit({ windowMs: 60000, limit: 100, standardHeaders: 'draft-8' })) (express-rate-limit)",
                  "Rate-limit requests and answer 429 with Retry-After and RateLimit / RateLimit-Policy headers")),
          Map.entry(
              "csrf",
              new Advice(
                  "ArmetFilter checks CSRF by default (Fetch Metadata, then Origin/Referer, then a token); do not exclude this route",
                  "http.csrf(Customizer.withDefaults()) (on by default; do not ignoringRequestMatchers this form)",
                  "CSRF is the application's job; nginx cannot fix it",
                  "use a CSRF middleware (csrf-csrf) or check Sec-Fetch-Site / Origin on unsafe methods",
                  "Refuse cross-site unsafe requests: check Sec-Fetch-Site/Origin and a CSRF token")),
          Map.entry(
              "login",
              new Advice(
                  "guard the form with dev.armet.login.LoginThrottle (lock per user and address, daily limit per address)",
                  "add a login attempt limiter (Spring Security has none built in; e.g. an AuthenticationFailureHandler with a Bucket4j bucket per user)",
                  "limit_req zone=login burst=5 nodelay; on the login location",
                  "express-rate-limit or rate-limiter-flexible on the login route, per user and per IP",
                  "Lock an account (per user and per address) after a few failed logins")),
          Map.entry(
              "tls",
              new Advice(
                  "ARMET_TLS_PROFILE=modern (or intermediate) in armet-server; it offers only TLS 1.2+ with forward-secret AEAD suites",
                  "server.ssl.enabled-protocols=TLSv1.3,TLSv1.2 and server.ssl.ciphers with ECDHE AEAD suites only (or terminate TLS at a proxy)",
                  "ssl_protocols TLSv1.2 TLSv1.3; ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:...; (Mozilla intermediate)",
                  "terminate TLS at a proxy with Mozilla's intermediate profile, or tls.createServer({ minVersion: 'TLSv1.2' })",
                  "Offer TLS 1.2 and 1.3 only, with ECDHE and AEAD suites (Mozilla intermediate profile)")),
          Map.entry(
              "post-quantum",
              new Advice(
                  "tls.post-quantum=true (ARMET_TLS_POST_QUANTUM=true) in armet-server: the HTTPS connector offers X25519MLKEM768 first, on Bouncy Castle's JSSE",
                  "terminate TLS at a proxy that offers X25519MLKEM768 (nginx on OpenSSL 3.5+, Caddy 2.10+); SunJSSE on JDK 17-25 has no post-quantum group",
                  "ssl_ecdh_curve X25519MLKEM768:X25519:prime256v1:secp384r1; (nginx built with OpenSSL 3.5 or later)",
                  "terminate TLS at a proxy that offers X25519MLKEM768 (nginx on OpenSSL 3.5+, Caddy 2.10+), or on Node.js with OpenSSL 3.5+: tls.createServer({ ecdhCurve: 'X25519MLKEM768:X25519:P-256:P-384' })",
                  "Offer the hybrid group X25519MLKEM768 before X25519 (OpenSSL 3.5+, Caddy 2.10+ by default, armet-server tls.post-quantum=true)")),
          Map.entry(
              "certificate",
              new Advice(
                  "ARMET_TLS_CERTIFICATE / ARMET_TLS_PRIVATE_KEY to a CA-issued fullchain.pem (armet-server reloads it on renewal)",
                  "server.ssl.certificate / server.ssl.certificate-private-key to a CA-issued chain (Spring Boot SSL bundles)",
                  "ssl_certificate /etc/letsencrypt/live/HOST/fullchain.pem; ssl_certificate_key .../privkey.pem;",
                  "serve a CA-issued full chain (Let's Encrypt) at the TLS terminator",
                  "Serve a certificate from a trusted CA, for this host name, with its full chain, renewed before expiry")));

  private Fixes() {}

  /** The fix text for a topic and stack. */
  public static String of(String topic, Stack stack) {
    Advice a = BY_TOPIC.get(topic);
    if (a == null) {
      return "";
    }
    return switch (stack) {
      case ARMET -> a.armet();
      case SPRING -> a.spring();
      case NGINX -> a.nginx();
      case EXPRESS -> a.express();
      case UNKNOWN -> a.generic();
    };
  }
}
