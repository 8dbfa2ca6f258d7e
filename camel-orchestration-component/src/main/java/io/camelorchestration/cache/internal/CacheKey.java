package io.camelorchestration.cache.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The key of an answer: a SHA-256 over everything that can change it (see docs/caching.md for why each part is there).
 * Each part goes in with its name and length, so that no two different sets of parts hash the same text (a prompt
 * ending in what looks like the next part's name, say), and absent parts are told from empty ones.
 */
public final class CacheKey {

    /** Bumped when the parts change meaning, so that entries written by another version are never served. */
    static final String VERSION = "v1";

    private final MessageDigest digest;

    private CacheKey() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        part("version", VERSION);
    }

    public static CacheKey builder() {
        return new CacheKey();
    }

    /** Adds a named part; null is told from "". */
    public CacheKey part(String name, String value) {
        bytes(name.getBytes(StandardCharsets.UTF_8));
        if (value == null) {
            digest.update((byte) 0);
        } else {
            digest.update((byte) 1);
            bytes(value.getBytes(StandardCharsets.UTF_8));
        }
        return this;
    }

    public CacheKey part(String name, long value) {
        return part(name, Long.toString(value));
    }

    /** Adds a part of name/value pairs, in name order (the order the map was filled in does not matter). */
    public CacheKey part(String name, Map<String, String> values) {
        Map<String, String> sorted = new TreeMap<>(values);
        part(name, Integer.toString(sorted.size()));
        sorted.forEach((k, v) -> part(name + "." + k, v));
        return this;
    }

    /** The key: 64 hex characters. The builder cannot be used after. */
    public String build() {
        return HexFormat.of().formatHex(digest.digest());
    }

    private void bytes(byte[] b) {
        int n = b.length;
        digest.update(new byte[] { (byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n });
        digest.update(b);
    }
}
