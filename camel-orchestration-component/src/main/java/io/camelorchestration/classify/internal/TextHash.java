package io.camelorchestration.classify.internal;

import java.util.SplittableRandom;

/**
 * A 128-bit fingerprint of a text, so a memo can recognise an instruction it has seen without keeping the text.
 * Two independently seeded lanes with a murmur finaliser: accidental collisions are out of reach (2^-64 for a pair),
 * and the seeds are drawn per JVM so nobody can prepare two instructions that collide.
 */
public record TextHash(long high, long low) {

    private static final long SEED_HIGH;
    private static final long SEED_LOW;

    static {
        SplittableRandom random = new SplittableRandom();
        SEED_HIGH = random.nextLong();
        SEED_LOW = random.nextLong();
    }

    public static TextHash of(String text) {
        long h = SEED_HIGH ^ text.length();
        long l = SEED_LOW ^ ((long) text.length() << 32);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            h = Long.rotateLeft((h ^ c) * 0x9E3779B97F4A7C15L, 29);
            l = Long.rotateLeft((l ^ c) * 0xC2B2AE3D27D4EB4FL, 37) + 0x165667B19E3779F9L;
        }
        return new TextHash(mix(h ^ Long.rotateLeft(l, 17)), mix(l ^ h));
    }

    /** Murmur3's 64-bit finaliser: every input bit reaches every output bit. */
    private static long mix(long k) {
        k ^= k >>> 33;
        k *= 0xFF51AFD7ED558CCDL;
        k ^= k >>> 33;
        k *= 0xC4CEB9FE1A85EC53L;
        k ^= k >>> 33;
        return k;
    }
}
