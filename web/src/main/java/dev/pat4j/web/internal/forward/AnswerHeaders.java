package dev.pat4j.web.internal.forward;

import dev.pat4j.validation.TokenPrincipal;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The headers of a 200 that tell the proxy who the token belongs to, and how their values are
 * made safe: set from the {@link TokenPrincipal} alone, never from anything the client sent.
 * Immutable; thread-safe.
 *
 * @param owner the header naming the owner
 * @param tokenId the header naming the token id
 * @param scopes the header listing the scopes, implied ones included, separated by spaces
 */
public record AnswerHeaders(String owner, String tokenId, String scopes) {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    public AnswerHeaders {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(scopes, "scopes");
    }

    /** Sets the three headers on {@code response} for {@code principal}. */
    void write(HttpServletResponse response, TokenPrincipal principal) {
        response.setHeader(owner, fieldValue(principal.owner()));
        response.setHeader(tokenId, fieldValue(principal.tokenId()));
        response.setHeader(scopes, fieldValue(String.join(" ", principal.scopes().all())));
    }

    /**
     * {@code value} unchanged when it is visible ASCII (spaces inside allowed) without {@code %};
     * else every other character percent-encoded as UTF-8, so that no owner name can break a
     * header or be read two ways by the proxy and its upstream.
     */
    static String fieldValue(String value) {
        if (isPlain(value)) {
            return value;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length() * 3);
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xFF;
            boolean edgeSpace = b == ' ' && (i == 0 || i == bytes.length - 1);
            if (b > ' ' && b < 0x7F && b != '%' || b == ' ' && !edgeSpace) {
                out.write(b);
            } else {
                out.write('%');
                out.write(HEX[b >> 4]);
                out.write(HEX[b & 0xF]);
            }
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    private static boolean isPlain(String value) {
        if (value.startsWith(" ") || value.endsWith(" ")) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < ' ' || c > '~' || c == '%') {
                return false;
            }
        }
        return true;
    }
}
