/**
 * Applies {@code dev.armet.csrf.CsrfProtection} to servlet requests: {@link
 * dev.armet.servlet.csrf.ServletCsrf} runs after the Armet session exchange begins and before the
 * application, exposes the token as the request attribute {@code _csrf}, and answers a refused
 * request with a fixed 403.
 */
package dev.armet.servlet.csrf;
