package dev.pat4j.benchmarks;

import dev.pat4j.scope.ScopeCatalog;
import dev.pat4j.store.StoredToken;
import dev.pat4j.validation.RejectionReason;
import dev.pat4j.validation.TokenPrincipal;
import dev.pat4j.validation.ValidationResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;

/**
 * The peer: what a careful team writes by hand without pat4j. Parse the header, check the CRC32,
 * look the id up in a {@link ConcurrentHashMap}, SHA-256 the salt and secret (one digest per
 * thread), compare in constant time, check revocation and expiry. Idiomatic JDK code otherwise:
 * substrings, {@code getBytes}, a new {@link CRC32}; no allocation tricks. Returns pat4j's result types so the benchmarks compare like with like.
 */
public final class HandWrittenValidator {
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int TOKEN_LENGTH = 54; // "pat_" + 12 + 32 + 6
    private static final ValidationResult MALFORMED = new ValidationResult.Rejected(RejectionReason.MALFORMED, null);

    private record Entry(byte[] salt, byte[] hash, Instant expiresAt, boolean revoked,
                         ValidationResult.Authenticated result) {
    }

    /** A careful team knows MessageDigest.getInstance costs a provider lookup per call, and keeps one per thread. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private final ConcurrentHashMap<String, Entry> tokens = new ConcurrentHashMap<>();
    private final Clock clock;

    public HandWrittenValidator(Iterable<StoredToken> stored, ScopeCatalog catalog, Clock clock) {
        this.clock = clock;
        for (StoredToken t : stored) {
            TokenPrincipal principal = new TokenPrincipal(t.id(), t.owner(), t.organization(),
                    catalog.parse(t.scopes()), t.expiresAt());
            tokens.put(t.id(), new Entry(t.salt(), t.hash(), t.expiresAt(), t.revoked(),
                    new ValidationResult.Authenticated(principal)));
        }
    }

    public ValidationResult check(String header) {
        if (header == null) {
            return new ValidationResult.Rejected(RejectionReason.MISSING, null);
        }
        String token;
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = header.substring(7).trim();
        } else if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
            String credentials;
            try {
                credentials = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return MALFORMED;
            }
            int colon = credentials.indexOf(':');
            if (colon < 0) {
                return MALFORMED;
            }
            token = colon + 1 < credentials.length() ? credentials.substring(colon + 1) : credentials.substring(0, colon);
        } else {
            return MALFORMED;
        }
        if (token.length() != TOKEN_LENGTH || !token.startsWith("pat_")) {
            return MALFORMED;
        }
        CRC32 crc = new CRC32();
        crc.update(token.substring(0, 48).getBytes(StandardCharsets.US_ASCII));
        long expected = 0;
        for (int i = 48; i < TOKEN_LENGTH; i++) {
            int digit = BASE62.indexOf(token.charAt(i));
            if (digit < 0) {
                return MALFORMED;
            }
            expected = expected * 62 + digit;
        }
        if (crc.getValue() != expected) {
            return new ValidationResult.Rejected(RejectionReason.BAD_CHECKSUM, null);
        }
        String id = token.substring(4, 16);
        Entry entry = tokens.get(id);
        if (entry == null) {
            return new ValidationResult.Rejected(RejectionReason.UNKNOWN, id);
        }
        MessageDigest sha = SHA_256.get();
        sha.update(entry.salt());
        byte[] actual = sha.digest(token.substring(16, 48).getBytes(StandardCharsets.US_ASCII));
        if (!MessageDigest.isEqual(actual, entry.hash())) {
            return new ValidationResult.Rejected(RejectionReason.SECRET_MISMATCH, id);
        }
        if (entry.revoked()) {
            return new ValidationResult.Rejected(RejectionReason.REVOKED, id);
        }
        if (!clock.instant().isBefore(entry.expiresAt())) {
            return new ValidationResult.Rejected(RejectionReason.EXPIRED, id);
        }
        return entry.result();
    }
}
