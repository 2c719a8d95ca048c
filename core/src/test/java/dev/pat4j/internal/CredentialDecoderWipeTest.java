package dev.pat4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * A Basic credential that stops being base64 half-way must leave none of its decoded bytes in
 * the per-thread scratch buffer: the validator wipes only what the decoder reports as decoded,
 * and a failed decode reports nothing.
 */
class CredentialDecoderWipeTest {

    @Test
    void aCredentialThatStopsBeingBase64LeavesNothingDecodedInTheBuffer() {
        String encoded = Base64.getEncoder()
                .encodeToString("anyone:pat_notARealTokenButLongEnoughToSpanSeveralBlocks0123".getBytes(StandardCharsets.US_ASCII));
        char[] header = (encoded.substring(0, encoded.length() - 4) + "*AAA").toCharArray();
        byte[] buffer = new byte[CredentialDecoder.MAX_HEADER_LENGTH];

        int decoded = CredentialDecoder.decodeBase64(header, 0, header.length, buffer);

        assertThat(decoded).isEqualTo(-1);
        assertThat(buffer).containsOnly((byte) 0);
    }

    @Test
    void aWholeCredentialIsDecoded() {
        byte[] plain = "anyone:pat_secret".getBytes(StandardCharsets.US_ASCII);
        char[] header = Base64.getEncoder().encodeToString(plain).toCharArray();
        byte[] buffer = new byte[CredentialDecoder.MAX_HEADER_LENGTH];

        int decoded = CredentialDecoder.decodeBase64(header, 0, header.length, buffer);

        assertThat(decoded).isEqualTo(plain.length);
        assertThat(java.util.Arrays.copyOf(buffer, decoded)).isEqualTo(plain);
    }
}
