/**
 * A small, strict, bounded JSON codec (RFC 8259) for data Armet persists, so that nothing is ever
 * Java-serialized. Public types: {@link dev.armet.internal.json.Json}, {@link
 * dev.armet.internal.json.JsonLimits}, {@link dev.armet.internal.json.JsonException}.
 */
package dev.armet.internal.json;
