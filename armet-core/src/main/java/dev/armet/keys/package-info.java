/**
 * Secrets and what is derived from them: {@link dev.armet.keys.Secret} (never printable), {@link
 * dev.armet.keys.Secrets} (from {@code ARMET_SECRETS}, a file, or {@link
 * dev.armet.keys.Secrets#generate()}), and the {@link dev.armet.keys.Keyring} whose primary key
 * signs ({@link dev.armet.keys.TokenSigner}, HMAC-SHA256) and seals ({@link
 * dev.armet.keys.TokenSealer}, AES-256-GCM) while every key verifies and opens. JDK crypto only.
 */
package dev.armet.keys;
