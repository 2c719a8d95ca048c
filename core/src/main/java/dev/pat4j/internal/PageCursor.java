package dev.pat4j.internal;

import dev.pat4j.lifecycle.InvalidCursorException;
import dev.pat4j.lifecycle.TokenQuery;
import dev.pat4j.lifecycle.TokenSort;
import dev.pat4j.lifecycle.TokenState;
import dev.pat4j.store.PagePosition;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;

/**
 * The opaque page cursor of {@code TokenService.list}: base64url (unpadded) of a format byte,
 * the sort, the position's key (a time as seconds and nanoseconds, or a name as UTF-8) and id,
 * then 8 bytes of SHA-256 over the query (owner, states, search, sort) and all of the above.
 * The digest is not a secret: it binds a cursor to its query and catches any alteration short
 * of a deliberate re-computation, which gains nothing, as a position only says where to resume
 * in the caller's own listing. Decoding is strict (canonical base64, exact lengths, valid
 * UTF-8) and its messages never repeat the cursor. Stateless.
 */
final class PageCursor {
    /** Well above the longest cursor (a 256-character name of 3-byte characters: ~1,100). */
    static final int MAX_TEXT = 2048;
    private static final byte FORMAT = 1;
    private static final int DIGEST = 8;
    private static final int MAX_FIELD = 1024;
    /**
     * The instants a cursor may hold: PostgreSQL's timestamp range. The digest is no secret, so
     * a client can make a well-formed cursor for any position; one no database could compare
     * with must be refused here, not fail in the store as if it were down.
     */
    private static final Instant EARLIEST = Instant.parse("-4713-11-24T00:00:00Z");
    private static final Instant LATEST = Instant.parse("+294276-12-31T23:59:59.999999Z");
    private static final int MAX_NAME = 256;
    private static final int MAX_ID = 64;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private PageCursor() {
    }

    static String encode(TokenQuery query, PagePosition position) {
        byte[] body = body(position);
        ByteBuffer out = ByteBuffer.allocate(body.length + DIGEST);
        out.put(body).put(digest(query, body));
        return ENCODER.encodeToString(out.array());
    }

    /** The position {@code query}'s cursor points to; the query must have one. */
    static PagePosition decode(TokenQuery query) {
        byte[] bytes = bytes(query.cursor());
        if (bytes.length <= DIGEST + 2) {
            throw malformed();
        }
        int bodyLength = bytes.length - DIGEST;
        byte[] body = new byte[bodyLength];
        byte[] given = new byte[DIGEST];
        System.arraycopy(bytes, 0, body, 0, bodyLength);
        System.arraycopy(bytes, bodyLength, given, 0, DIGEST);
        if (!MessageDigest.isEqual(given, digest(query, body))) {
            throw new InvalidCursorException("the page cursor was not issued for this query (owner, states, search and"
                    + " sort must be those of the query that returned it) or was altered");
        }
        return position(ByteBuffer.wrap(body), query.sort());
    }

    private static byte[] bytes(String text) {
        if (text.isEmpty() || text.length() > MAX_TEXT) {
            throw malformed();
        }
        byte[] bytes;
        try {
            bytes = DECODER.decode(text);
        } catch (IllegalArgumentException e) {
            throw malformed();
        }
        if (!ENCODER.encodeToString(bytes).equals(text)) { // padding or stray low bits: not one we issued
            throw malformed();
        }
        return bytes;
    }

    private static byte[] body(PagePosition position) {
        byte[] id = position.id().getBytes(StandardCharsets.UTF_8);
        byte[] name = position.name() == null ? null : position.name().getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(2 + (name == null ? 12 : 2 + name.length) + 2 + id.length);
        out.put(FORMAT).put((byte) position.sort().ordinal());
        if (name == null) {
            out.putLong(position.time().getEpochSecond()).putInt(position.time().getNano());
        } else {
            out.putShort((short) name.length).put(name);
        }
        out.putShort((short) id.length).put(id);
        return out.array();
    }

    private static PagePosition position(ByteBuffer in, TokenSort sort) {
        try {
            if (in.get() != FORMAT || in.get() != sort.ordinal()) {
                throw malformed();
            }
            Instant time = null;
            String name = null;
            if (sort == TokenSort.NAME) {
                name = text(in);
            } else {
                long seconds = in.getLong();
                int nanos = in.getInt();
                if (nanos < 0 || nanos > 999_999_999) {
                    throw malformed();
                }
                time = Instant.ofEpochSecond(seconds, nanos);
                if (time.isBefore(EARLIEST) || time.isAfter(LATEST)) {
                    throw malformed();
                }
            }
            String id = text(in);
            if (in.hasRemaining() || !plausibleId(id) || (name != null && !plausibleName(name))) {
                throw malformed();
            }
            return new PagePosition(sort, time, name, id);
        } catch (java.nio.BufferUnderflowException | DateTimeException e) {
            throw malformed();
        }
    }

    /** Token ids are base62 (12 characters from pat4j's codec); anything else names no token. */
    private static boolean plausibleId(String id) {
        if (id.isEmpty() || id.length() > MAX_ID) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
                return false;
            }
        }
        return true;
    }

    /** What a stored name can be: control characters (NUL above all) no database would take as a parameter. */
    private static boolean plausibleName(String name) {
        if (name.length() > MAX_NAME) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static String text(ByteBuffer in) {
        int length = Short.toUnsignedInt(in.getShort());
        if (length > MAX_FIELD || length > in.remaining()) {
            throw malformed();
        }
        ByteBuffer slice = in.slice().limit(length);
        in.position(in.position() + length);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(slice).toString();
        } catch (CharacterCodingException e) {
            throw malformed();
        }
    }

    private static byte[] digest(TokenQuery query, byte[] body) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        sha.update("pat4j token page cursor 1".getBytes(StandardCharsets.US_ASCII));
        field(sha, query.owner());
        for (TokenState state : TokenState.values()) {
            sha.update((byte) (query.wants(state) ? 1 : 0)); // no filter and every state: one query
        }
        sha.update((byte) (query.search() == null ? 0 : 1));
        field(sha, query.search() == null ? "" : query.search());
        sha.update((byte) query.sort().ordinal());
        sha.update(body);
        byte[] full = sha.digest();
        byte[] out = new byte[DIGEST];
        System.arraycopy(full, 0, out, 0, DIGEST);
        return out;
    }

    /** Length-prefixed, so that no two different queries feed the digest the same bytes. */
    private static void field(MessageDigest sha, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        sha.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        sha.update(bytes);
    }

    private static InvalidCursorException malformed() {
        return new InvalidCursorException("the page cursor is malformed; pass back a nextCursor unchanged");
    }
}
