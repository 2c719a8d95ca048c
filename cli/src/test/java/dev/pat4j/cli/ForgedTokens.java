package dev.pat4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pat4j.token.TokenFormat;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** Builds look-alike tokens for scanner tests: right shape and a correct checksum, wrong secret. */
final class ForgedTokens {
    private static final String DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private ForgedTokens() {
    }

    /** A token with {@code real}'s id and prefix but another secret, with a checksum that passes. */
    static String sameIdOtherSecret(String real) {
        int secretStart = "pat_".length() + 12;
        String body = real.substring(0, secretStart) + "Z".repeat(32);
        String forged = body + checksum(body);
        assertThat(TokenFormat.standard().isWellFormed(forged)).as("forged token must pass the checksum").isTrue();
        assertThat(forged).isNotEqualTo(real);
        return forged;
    }

    /** {@code token} with its last checksum character changed: right shape, wrong checksum. */
    static String badChecksum(String token) {
        char last = token.charAt(token.length() - 1);
        String bad = token.substring(0, token.length() - 1) + (last == 'a' ? 'b' : 'a');
        assertThat(TokenFormat.standard().isWellFormed(bad)).isFalse();
        return bad;
    }

    private static String checksum(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        long value = crc.getValue();
        char[] out = new char[6];
        for (int i = 5; i >= 0; i--) {
            out[i] = DIGITS.charAt((int) (value % 62));
            value /= 62;
        }
        return new String(out);
    }
}
