package dev.pat4j.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pat4j.Pat4j;
import dev.pat4j.internal.TokenCodec;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.testkit.CountingStore;
import dev.pat4j.testkit.Fixtures;
import dev.pat4j.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * {@code check} against hostile input: it never throws (nor hides a throw behind
 * STORE_UNAVAILABLE, which the healthy store here can never cause), never authenticates noise,
 * and authenticates a mutated header exactly when a plain reference decoder still finds the
 * real token in it.
 */
class ValidatorFuzzProperties {
    private static final String ORG = "acme";
    private static final char[] SPECIAL = {' ', '\t', ':', '=', '_', '+', '/', '-', '.', '\0', '\n', '\r',
        '\u00e9', '\u00ff', '\u017f', '\u0131', '\u00a0', '\u2028', '\uffff', 'A', 'z', '0', '9'};

    private static MutableClock clock;
    private static CountingStore store;
    private static Pat4j pat4j;
    private static TokenValidator validator;
    private static String valid;
    private static String validId;

    @BeforeContainer
    static void start() {
        clock = new MutableClock(Fixtures.START);
        store = new CountingStore(new InMemoryTokenStore());
        pat4j = Fixtures.builder(clock, store).build();
        validator = pat4j.validator();
        IssuedToken issued = Fixtures.create(pat4j, "alice", ORG, Duration.ofDays(30), "code:read");
        valid = issued.token();
        validId = issued.info().id();
    }

    @AfterContainer
    static void stop() {
        pat4j.close();
    }

    // ---- noise -------------------------------------------------------------------------------

    @Property(tries = 500)
    void arbitraryStringsAreRejectedCleanly(@ForAll("schemes") String scheme,
                                            @ForAll @StringLength(max = 300) String text) {
        assertRejectedCleanly(scheme + text);
    }

    @Property(tries = 500)
    void arbitraryBytesAsLatin1AreRejectedCleanly(@ForAll("schemes") String scheme,
                                                  @ForAll @Size(max = 300) byte[] bytes) {
        assertRejectedCleanly(scheme + new String(bytes, StandardCharsets.ISO_8859_1));
    }

    @Property(tries = 500)
    void arbitraryBytesAsUtf8AreRejectedCleanly(@ForAll("schemes") String scheme,
                                                @ForAll @Size(max = 300) byte[] bytes) {
        assertRejectedCleanly(scheme + new String(bytes, StandardCharsets.UTF_8));
    }

    @Property(tries = 500)
    void basicOfArbitraryBytesIsRejectedCleanly(@ForAll @Size(max = 300) byte[] bytes, @ForAll boolean padded) {
        Base64.Encoder encoder = padded ? Base64.getEncoder() : Base64.getEncoder().withoutPadding();
        assertRejectedCleanly("Basic " + encoder.encodeToString(bytes));
    }

    @Property(tries = 40)
    void oversizedHeadersAreRejectedAsMalformed(@ForAll @StringLength(min = 8193, max = 9000) String text) {
        ValidationResult r = validator.check(text, ORG);
        assertThat(r).isEqualTo(new ValidationResult.Rejected(RejectionReason.MALFORMED, null));
        assertThat(validator.check("Bearer " + valid + " ".repeat(8200), ORG).authenticated()).isFalse();
    }

    @Property(tries = 300)
    void wellFormedTokensOfUnknownIdsAreUnknown(@ForAll("schemes") String scheme) {
        String forged = new TokenCodec("pat").generate(new SecureRandom());
        ValidationResult r = validator.check("Bearer " + forged, ORG);
        assertThat(r).isEqualTo(new ValidationResult.Rejected(RejectionReason.UNKNOWN,
                forged.substring(4, 16)));
        assertRejectedCleanly(scheme + forged);
    }

    // ---- mutations of a real, live token ------------------------------------------------------

    @Property(tries = 1000)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void mutatedHeadersAuthenticateExactlyWhenTheyStillCarryTheRealToken(@ForAll("mutatedHeaders") String header) {
        ValidationResult r = validator.check(header, ORG);
        assertNoFault(r);
        boolean carriesToken = ReferenceCredentials.credential(header).map(valid::equals).orElse(false);
        if (r.authenticated()) {
            assertThat(Fixtures.authenticatedId(r)).isEqualTo(validId);
        }
        assertThat(r.authenticated())
                .as("validator vs reference decoder on %s", printable(header))
                .isEqualTo(carriesToken);
        Statistics.label("authenticated").collect(r.authenticated());
        Statistics.label("authenticated").coverage(c -> {
            c.check(true).percentage(p -> p > 5);
            c.check(false).percentage(p -> p > 20);
        });
    }

    @Example
    void everySingleCharacterChangeIsRejectedBeforeAnyLookup() {
        int findsBefore = store.findCalls();
        Set<RejectionReason> early = EnumSet.of(RejectionReason.MALFORMED, RejectionReason.BAD_CHECKSUM);
        int checked = 0;
        for (int i = 0; i < valid.length(); i++) {
            for (char c : replacementsAt(i)) {
                if (c == valid.charAt(i)) {
                    continue;
                }
                String mutated = valid.substring(0, i) + c + valid.substring(i + 1);
                assertThat(pat4j.format().isWellFormed(mutated)).isFalse();
                for (String header : List.of(Fixtures.bearer(mutated), Fixtures.basic("u", mutated),
                        Fixtures.basic(mutated, ""))) {
                    ValidationResult r = validator.check(header, ORG);
                    assertThat(r).as("position %d replaced by U+%04X", i, (int) c)
                            .isInstanceOfSatisfying(ValidationResult.Rejected.class,
                                    rejected -> assertThat(rejected.reason()).isIn(early));
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(valid.length() * 3 * 10);
        assertThat(store.findCalls()).as("a checksum failure must not reach the store").isEqualTo(findsBefore);
        assertThat(validator.check(Fixtures.bearer(valid), ORG).authenticated()).isTrue();
    }

    @Example
    void aCharacterWhoseLowByteIsTheRightOneDoesNotStandForIt() {
        // The validator copies the header into arrays before parsing: a character above U+00FF
        // must not pass for the ASCII character in its low byte (U+0141 is not 'A').
        for (int i = 0; i < valid.length(); i++) {
            for (int high : new int[] {0x100, 0xFF00}) {
                String mutated = valid.substring(0, i) + (char) (valid.charAt(i) + high) + valid.substring(i + 1);
                for (ValidationResult r : List.of(validator.check(Fixtures.bearer(mutated), ORG),
                        validator.checkToken(mutated, ORG), validator.check(" Bearer\t" + mutated + " ", ORG))) {
                    assertThat(r).as("position %d + 0x%x", i, high)
                            .isEqualTo(new ValidationResult.Rejected(RejectionReason.MALFORMED, null));
                }
            }
        }
        String scheme = "Bearer".replace('e', (char) ('e' + 0x100));
        assertThat(validator.check(scheme + " " + valid, ORG))
                .isEqualTo(new ValidationResult.Rejected(RejectionReason.MALFORMED, null));
    }

    @Example
    void nonAsciiLookAlikesOfTheSchemeAreNotSchemes() {
        // Java's case-insensitive comparison folds U+017F (long s) and U+0131 (dotless i) into
        // ASCII letters; an HTTP scheme is an ASCII token, so these are not "Basic".
        String payload = Base64.getEncoder().encodeToString(("u:" + valid).getBytes(StandardCharsets.UTF_8));
        for (String scheme : List.of("Ba\u017fic", "Bas\u0131c", "BA\u017fIC")) {
            assertThat(validator.check(scheme + " " + payload, ORG))
                    .isEqualTo(new ValidationResult.Rejected(RejectionReason.MALFORMED, null));
        }
        assertThat(validator.check("bAsIc " + payload, ORG).authenticated()).isTrue();
    }

    private static char[] replacementsAt(int i) {
        char original = valid.charAt(i);
        String digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        int d = digits.indexOf(original);
        char next = d < 0 ? 'a' : digits.charAt((d + 1) % 62);
        char prev = d < 0 ? 'b' : digits.charAt((d + 61) % 62);
        char flipped = Character.isUpperCase(original) ? Character.toLowerCase(original)
                : Character.toUpperCase(original);
        return new char[] {next, prev, flipped, '0', 'Z', 'z', '_', ' ', '\t', ':', '=', '-', '\u00e9', '\0'};
    }

    // ---- generators ---------------------------------------------------------------------------

    @Provide
    Arbitrary<String> schemes() {
        return Arbitraries.of("", "Basic ", "Bearer ", "basic ", "BEARER\t", "Bearer pat_", "Basic Og==", " ");
    }

    @Provide
    Arbitrary<String> mutatedHeaders() {
        Arbitrary<String> base = Arbitraries.oneOf(bearerForms(), basicForms());
        return Combinators.combine(base, mutations().list().ofMaxSize(3)).as((header, mutations) -> {
            String h = header;
            for (Mutation m : mutations) {
                h = m.apply(h);
            }
            return h;
        });
    }

    private Arbitrary<String> bearerForms() {
        return Combinators.combine(spaces(0), Arbitraries.of("Bearer", "bearer", "BEARER", "bEaReR"), spaces(1),
                spaces(0)).as((lead, scheme, sep, trail) -> lead + scheme + sep + valid + trail);
    }

    private Arbitrary<String> basicForms() {
        Arbitrary<String> users = Arbitraries.oneOf(
                Arbitraries.of("", "anyone", "x", "user@example.com", "\u00e9l\u00e8ve", "\u4e2d\u6587"),
                Arbitraries.strings().ofMaxLength(12));
        Arbitrary<String> payloads = Combinators.combine(users, Arbitraries.integers().between(0, 3))
                .as((user, kind) -> switch (kind) {
                    case 0 -> user + ":" + valid;
                    case 1 -> valid + ":";
                    case 2 -> valid + ":" + valid;
                    default -> valid + ":" + user;
                });
        Arbitrary<String> mutatedPayloads = Combinators.combine(payloads, mutations().list().ofMaxSize(2))
                .as((p, ms) -> {
                    String out = p;
                    for (Mutation m : ms) {
                        out = m.applyToText(out);
                    }
                    return out;
                });
        Arbitrary<Tuple.Tuple2<Integer, Byte>> byteInsert = Combinators.combine(
                Arbitraries.integers().between(-1, 400), Arbitraries.bytes()).as(Tuple::of);
        Arbitrary<byte[]> bytes = Combinators.combine(mutatedPayloads, byteInsert, Arbitraries.integers().between(0, 9))
                .as((p, insert, chance) -> {
                    byte[] raw = p.getBytes(StandardCharsets.UTF_8);
                    return chance == 0 && insert.get1() >= 0 ? insertByte(raw, insert.get1() % (raw.length + 1),
                            insert.get2()) : raw;
                });
        Arbitrary<String> encoded = Combinators.combine(bytes, Arbitraries.integers().between(0, 2))
                .as(ValidatorFuzzProperties::encode);
        return Combinators.combine(spaces(0), Arbitraries.of("Basic", "basic", "BASIC", "bAsIc"), spaces(1),
                encoded, spaces(0)).as((lead, scheme, sep, b64, trail) -> lead + scheme + sep + b64 + trail);
    }

    private static Arbitrary<String> spaces(int min) {
        return Arbitraries.strings().withChars(' ', '\t').ofMinLength(min).ofMaxLength(min + 2);
    }

    private static Arbitrary<Mutation> mutations() {
        Arbitrary<Character> chars = Arbitraries.oneOf(Arbitraries.of(asList(SPECIAL)), Arbitraries.chars().ascii(),
                Arbitraries.chars().alpha(), Arbitraries.chars());
        return Combinators.combine(Arbitraries.of(MutationKind.class), Arbitraries.doubles().between(0, 1), chars)
                .as(Mutation::new);
    }

    private static List<Character> asList(char[] cs) {
        List<Character> out = new ArrayList<>();
        for (char c : cs) {
            out.add(c);
        }
        return out;
    }

    /** 0: padded, 1: unpadded, 2: unpadded with non-zero unused trailing bits (non-canonical). */
    private static String encode(byte[] raw, int style) {
        if (style == 0) {
            return Base64.getEncoder().encodeToString(raw);
        }
        String s = Base64.getEncoder().withoutPadding().encodeToString(raw);
        if (style == 2 && s.length() % 4 != 0) {
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
            int v = alphabet.indexOf(s.charAt(s.length() - 1));
            return s.substring(0, s.length() - 1) + alphabet.charAt(v | 1);
        }
        return s;
    }

    private static byte[] insertByte(byte[] raw, int at, byte b) {
        byte[] out = new byte[raw.length + 1];
        System.arraycopy(raw, 0, out, 0, at);
        out[at] = b;
        System.arraycopy(raw, at, out, at + 1, raw.length - at);
        return out;
    }

    enum MutationKind { INSERT, DELETE, REPLACE, SWAP, FLIP_CASE, REENCODE_BASIC, DECODED_EDIT }

    /** One random edit of a header; positions are fractions so they fit any length. */
    record Mutation(MutationKind kind, double where, char c) {
        String apply(String h) {
            return switch (kind) {
                case REENCODE_BASIC -> reencode(h, false);
                case DECODED_EDIT -> reencode(h, true);
                default -> applyToText(h);
            };
        }

        String applyToText(String s) {
            int n = s.length();
            int at = Math.min(n, (int) (where * (n + 1)));
            return switch (kind) {
                case INSERT -> s.substring(0, at) + c + s.substring(at);
                case DELETE -> n == 0 ? s : s.substring(0, Math.min(at, n - 1)) + s.substring(Math.min(at, n - 1) + 1);
                case REPLACE -> n == 0 ? String.valueOf(c)
                        : s.substring(0, Math.min(at, n - 1)) + c + s.substring(Math.min(at, n - 1) + 1);
                case SWAP -> n < 2 ? s : swap(s, Math.min(at, n - 2));
                case FLIP_CASE -> n == 0 ? s : flip(s, Math.min(at, n - 1));
                default -> s.substring(0, at) + c + s.substring(at);
            };
        }

        /** Decodes the Basic payload, optionally edits the decoded text, and re-encodes it another way. */
        private String reencode(String h, boolean edit) {
            String stripped = h.strip();
            int sep = 0;
            while (sep < stripped.length() && stripped.charAt(sep) != ' ' && stripped.charAt(sep) != '\t') {
                sep++;
            }
            if (sep == stripped.length()) {
                return applyToText(h);
            }
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(stripped.substring(sep + 1).strip());
            } catch (IllegalArgumentException e) {
                return applyToText(h);
            }
            if (edit) {
                String text = new String(raw, StandardCharsets.UTF_8);
                raw = new Mutation(MutationKind.values()[(int) (where * 5) % 5], where, c).applyToText(text)
                        .getBytes(StandardCharsets.UTF_8);
            }
            return stripped.substring(0, sep) + " " + encode(raw, (int) (where * 3) % 3);
        }

        private static String swap(String s, int i) {
            char[] cs = s.toCharArray();
            char t = cs[i];
            cs[i] = cs[i + 1];
            cs[i + 1] = t;
            return new String(cs);
        }

        private static String flip(String s, int i) {
            char ch = s.charAt(i);
            char f = Character.isUpperCase(ch) ? Character.toLowerCase(ch) : Character.toUpperCase(ch);
            return s.substring(0, i) + f + s.substring(i + 1);
        }
    }

    // ---- assertions ---------------------------------------------------------------------------

    private static void assertRejectedCleanly(String header) {
        for (ValidationResult r : List.of(validator.check(header, ORG), validator.check(header),
                validator.checkToken(header, ORG))) {
            assertNoFault(r);
            assertThat(r.authenticated()).as("authenticated noise: %s", printable(header)).isFalse();
        }
    }

    /** The store is healthy, so STORE_UNAVAILABLE can only mean an exception was swallowed. */
    private static void assertNoFault(ValidationResult r) {
        assertThat(r).isNotNull();
        if (r instanceof ValidationResult.Rejected rejected) {
            assertThat(rejected.reason()).isNotEqualTo(RejectionReason.STORE_UNAVAILABLE);
            assertThat(rejected.reason()).isNotNull();
        }
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (char ch : s.toCharArray()) {
            if (ch >= 0x20 && ch < 0x7f) {
                sb.append(ch);
            } else {
                sb.append(String.format("\\u%04x", (int) ch));
            }
        }
        return sb.toString();
    }
}
