/**
 * Cookies per RFC 6265bis: {@link dev.armet.cookie.SetCookie} writes {@code Set-Cookie} values
 * whose attributes and prefix rules are checked at configuration time, and {@link
 * dev.armet.cookie.RequestCookies} reads {@code Cookie} headers without ever throwing on client
 * input.
 */
package dev.armet.cookie;
