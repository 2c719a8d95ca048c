package dev.pat4j.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The shared matrix of hostile or malformed {@code Authorization} headers that every adapter
 * must answer with 401 (never 500, never a body naming the reason). Values are raw header
 * bytes in ISO-8859-1, because several cases (NUL, non-UTF-8) cannot be expressed by a
 * well-behaved HTTP client: send them over a raw socket. Immutable and thread-safe.
 */
public final class HostileHeaders {
    private HostileHeaders() {
    }

    /** Tokens the server under test knows: each is refused for the reason its name says. */
    public record Tokens(String valid, String revoked, String expired, String otherOrganization) {
    }

    /** One case: zero or more Authorization header values (ISO-8859-1 strings) sent together. */
    public record Case(String name, List<String> values) {
        @Override
        public String toString() {
            return name;
        }
    }

    public static List<Case> matrix(Tokens t) {
        String valid = t.valid();
        String wrongChecksum = flipLast(valid);
        String unknown = unknownLookAlike(valid);
        List<Case> cases = new ArrayList<>();
        add(cases, "no header");
        add(cases, "empty", "");
        add(cases, "blank", "   ");
        add(cases, "scheme only Bearer", "Bearer");
        add(cases, "scheme only Basic", "Basic");
        add(cases, "scheme and space only", "Bearer ");
        add(cases, "wrong scheme Digest", "Digest " + valid);
        add(cases, "wrong scheme Token", "token " + valid);
        add(cases, "no scheme, bare token", valid);
        add(cases, "bad base64", "Basic !!!not-base64!!!");
        add(cases, "base64 without colon", basicRaw(valid));
        add(cases, "base64 of empty", "Basic " + b64(""));
        add(cases, "base64 of colon only", basic("", ""));
        add(cases, "NUL byte inside token", "Bearer " + valid.substring(0, 10) + "\0" + valid.substring(11));
        add(cases, "NUL byte in Basic payload", "Basic " + b64("\0:" + valid.substring(1)));
        add(cases, "non-UTF-8 bytes in Basic payload", "Basic " + Base64.getEncoder().encodeToString(
                concat(new byte[] {(byte) 0xC3, (byte) 0x28, ':'}, valid.getBytes(StandardCharsets.US_ASCII))));
        add(cases, "Latin-1 bytes in header", "Bearer \u00e9" + valid.substring(1));
        add(cases, "over 8 KiB", "Bearer " + valid + "x".repeat(9000));
        add(cases, "over 8 KiB Basic", basic("u".repeat(9000), valid));
        add(cases, "wrong checksum Bearer", "Bearer " + wrongChecksum);
        add(cases, "wrong checksum Basic", basic("x", wrongChecksum));
        add(cases, "unknown but well-formed", "Bearer " + unknown);
        add(cases, "revoked", "Bearer " + t.revoked());
        add(cases, "expired", "Bearer " + t.expired());
        add(cases, "other organization", "Bearer " + t.otherOrganization());
        add(cases, "two Authorization headers", "Bearer " + valid, "Bearer " + valid);
        add(cases, "two different Authorization headers", "Bearer " + t.revoked(), "Bearer " + valid);
        add(cases, "token truncated", "Bearer " + valid.substring(0, valid.length() - 1));
        add(cases, "token with extra char", "Bearer " + valid + "A");
        add(cases, "two tokens in Bearer", "Bearer " + valid + " " + valid);
        add(cases, "token as user, other password", basic(valid, "password"));
        add(cases, "token as user, revoked as password", basic(valid, t.revoked()));
        add(cases, "uppercase prefix", "Bearer " + valid.toUpperCase(java.util.Locale.ROOT));
        add(cases, "CRLF-free header injection attempt", "Bearer " + valid + "\tX-Admin: 1");
        add(cases, "SQL-ish token", "Bearer ' OR '1'='1");
        add(cases, "percent-encoded token", "Bearer " + valid.replace("_", "%5F"));
        return List.copyOf(cases);
    }

    /** Headers that must authenticate {@code valid} (used to prove the matrix is not trivially 401). */
    public static List<String> acceptedForms(String valid) {
        return List.of(
                "Bearer " + valid,
                "bearer " + valid,
                "BEARER   " + valid,
                basic("", valid),
                basic("anyone", valid),
                basic(valid, valid),
                basic(valid, ""),
                "basic " + b64("user:" + valid));
    }

    public static String basic(String user, String password) {
        return "Basic " + b64(user + ":" + password);
    }

    private static String basicRaw(String payload) {
        return "Basic " + b64(payload);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String flipLast(String token) {
        char last = token.charAt(token.length() - 1);
        return token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
    }

    /** Same shape as {@code valid}, a different id, and a correct checksum: passes format, fails lookup. */
    private static String unknownLookAlike(String valid) {
        int underscore = valid.indexOf('_');
        String body = valid.substring(0, underscore + 1) + "ZZZZZZZZZZZZ" + valid.substring(underscore + 13, valid.length() - 6);
        return Fixtures.withChecksum(body);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static void add(List<Case> cases, String name, String... values) {
        cases.add(new Case(name, List.of(values)));
    }
}
