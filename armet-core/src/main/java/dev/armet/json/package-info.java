/**
 * A small, strict, bounded JSON codec (RFC 8259) for data Armet persists, so that nothing is
 * ever Java-serialized. Public types: {@link dev.armet.json.Json},
 * {@link dev.armet.json.JsonLimits}, {@link dev.armet.json.JsonException}.
 */
package dev.armet.json;
