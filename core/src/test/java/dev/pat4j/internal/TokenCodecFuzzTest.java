package dev.pat4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * Coverage-guided fuzzing of the token codec and of the hand-written Base64 decoder, each
 * against a plain reference: the codec says OK exactly for {@code pat_} + 12 + 32 Base62
 * characters whose last 6 are the Base62 CRC32 of the rest, and never throws; the Base64
 * decoder agrees with {@code java.util.Base64} on every input that decoder accepts.
 */
class TokenCodecFuzzTest {
    private static final TokenCodec CODEC = new TokenCodec("pat");
    private static final Pattern SHAPE = Pattern.compile("pat_[0-9A-Za-z]{50}");
    private static final String GENERATED = CODEC.generate(seeded());

    @FuzzTest(maxDuration = "2m")
    void checkSaysOkExactlyForWellFormedTokensWithTheirChecksum(FuzzedDataProvider data) {
        String text = data.consumeBoolean() ? edited(GENERATED, data) : data.consumeRemainingAsString();
        int verdict = CODEC.check(text, 0);
        assertThat(verdict).isIn(TokenCodec.OK, TokenCodec.MALFORMED, TokenCodec.BAD_CHECKSUM);
        boolean shaped = SHAPE.matcher(text).matches();
        if (!shaped) {
            assertThat(verdict).as("%s", text).isEqualTo(TokenCodec.MALFORMED);
        } else {
            assertThat(verdict == TokenCodec.OK).as("%s", text).isEqualTo(checksumMatches(text));
        }
    }

    @FuzzTest(maxDuration = "2m")
    void base64AgreesWithTheJdkDecoder(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        char[] chars = text.toCharArray();
        // room for what any input could decode to: the size check guards the caller's buffer
        byte[] out = new byte[chars.length + 3];
        int n = CredentialDecoder.decodeBase64(chars, 0, chars.length, out);
        byte[] jdk = jdkDecode(text);
        if (jdk == null) {
            assertThat(n).as("accepted what the JDK refuses: %s", text).isNegative();
        } else {
            assertThat(n).as("refused what the JDK accepts: %s", text).isEqualTo(jdk.length);
            assertThat(Arrays.copyOf(out, n)).as("%s", text).isEqualTo(jdk);
        }
    }

    /** The same token in every run, so that a committed input means the same edit each time. */
    private static SecureRandom seeded() {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(20261202L);
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A real token with up to three characters replaced where and by what the fuzzer says. */
    private static String edited(String token, FuzzedDataProvider data) {
        char[] chars = token.toCharArray();
        for (int edits = data.consumeInt(0, 3); edits > 0; edits--) {
            chars[data.consumeInt(0, chars.length - 1)] = data.consumeChar();
        }
        return new String(chars);
    }

    private static boolean checksumMatches(String token) {
        CRC32 crc = new CRC32();
        crc.update(token.substring(0, token.length() - TokenCodec.CHECKSUM_LENGTH).getBytes(StandardCharsets.US_ASCII));
        StringBuilder sb = new StringBuilder();
        long v = crc.getValue();
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        for (int i = 0; i < TokenCodec.CHECKSUM_LENGTH; i++) {
            sb.append(alphabet.charAt((int) (v % 62)));
            v /= 62;
        }
        return token.endsWith(sb.reverse().toString());
    }

    private static byte[] jdkDecode(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
