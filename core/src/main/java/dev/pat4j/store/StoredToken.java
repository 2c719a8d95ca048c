package dev.pat4j.store;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A token as a {@link TokenStore} keeps it: metadata, the salt and hash of the secret (never
 * the secret), the name of the hash algorithm, the expiry-notice flag (used by pat4j only on a store
 * without {@link NoticeOutbox}: see {@link TokenStore#claimExpiryNotice}) and an optimistic
 * version. {@code scopes} is the canonical text of the scope set; {@code organization} is
 * null for all organizations; {@code createdBy} is who acted, {@code createdVia} the tool that
 * minted the token for them (free text, null when none was named). {@code toString()} leaves
 * salt and hash out. Immutable: salt and hash are copied in and out.
 */
public record StoredToken(String id, String owner, String name, @Nullable String organization, String scopes,
                          Instant createdAt, String createdBy, @Nullable String createdVia, Instant expiresAt,
                          @Nullable Instant revokedAt, @Nullable String revokedBy, @Nullable Instant lastUsedAt,
                          byte[] salt, byte[] hash, String hashAlgorithm, boolean expiryNotified, long version) {

    public StoredToken {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(scopes, "scopes");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(hashAlgorithm, "hashAlgorithm");
        salt = salt.clone();
        hash = hash.clone();
    }

    /**
     * A token without {@code createdVia}: the constructor of pat4j 0.1, kept so that stores
     * written against it keep compiling. A store that keeps {@code createdVia} uses the
     * canonical constructor.
     */
    public StoredToken(String id, String owner, String name, @Nullable String organization, String scopes,
                       Instant createdAt, String createdBy, Instant expiresAt, @Nullable Instant revokedAt,
                       @Nullable String revokedBy, @Nullable Instant lastUsedAt, byte[] salt, byte[] hash,
                       String hashAlgorithm, boolean expiryNotified, long version) {
        this(id, owner, name, organization, scopes, createdAt, createdBy, null, expiresAt, revokedAt, revokedBy,
                lastUsedAt, salt, hash, hashAlgorithm, expiryNotified, version);
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }

    /** Whether the token has been revoked. */
    public boolean revoked() {
        return revokedAt != null;
    }

    /** Whether the token is neither revoked nor expired at {@code now}. */
    public boolean activeAt(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }

    /** The next version with a new expiry and the expiry notice re-armed. */
    public StoredToken withExpiry(Instant newExpiry) {
        return new StoredToken(id, owner, name, organization, scopes, createdAt, createdBy, createdVia, newExpiry,
                revokedAt, revokedBy, lastUsedAt, salt, hash, hashAlgorithm, false, version + 1);
    }

    /** The next version with new scopes. */
    public StoredToken withScopes(String newScopes) {
        return new StoredToken(id, owner, name, organization, newScopes, createdAt, createdBy, createdVia, expiresAt,
                revokedAt, revokedBy, lastUsedAt, salt, hash, hashAlgorithm, expiryNotified, version + 1);
    }

    /** The next version with a new name. */
    public StoredToken withName(String newName) {
        return new StoredToken(id, owner, newName, organization, scopes, createdAt, createdBy, createdVia, expiresAt,
                revokedAt, revokedBy, lastUsedAt, salt, hash, hashAlgorithm, expiryNotified, version + 1);
    }

    /** The next version, revoked. */
    public StoredToken withRevocation(Instant at, String by) {
        return new StoredToken(id, owner, name, organization, scopes, createdAt, createdBy, createdVia, expiresAt, at,
                by, lastUsedAt, salt, hash, hashAlgorithm, expiryNotified, version + 1);
    }

    /** The next version, with the secret re-hashed under another algorithm. */
    public StoredToken withHash(byte[] newSalt, byte[] newHash, String algorithm) {
        return new StoredToken(id, owner, name, organization, scopes, createdAt, createdBy, createdVia, expiresAt,
                revokedAt, revokedBy, lastUsedAt, newSalt, newHash, algorithm, expiryNotified, version + 1);
    }

    /** The same version with other last-used or notice fields, as stores read them back. */
    public StoredToken withBookkeeping(Instant newLastUsedAt, boolean newExpiryNotified) {
        return new StoredToken(id, owner, name, organization, scopes, createdAt, createdBy, createdVia, expiresAt,
                revokedAt, revokedBy, newLastUsedAt, salt, hash, hashAlgorithm, newExpiryNotified, version);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoredToken t && id.equals(t.id) && owner.equals(t.owner) && name.equals(t.name)
                && Objects.equals(organization, t.organization) && scopes.equals(t.scopes)
                && createdAt.equals(t.createdAt) && createdBy.equals(t.createdBy)
                && Objects.equals(createdVia, t.createdVia) && expiresAt.equals(t.expiresAt)
                && Objects.equals(revokedAt, t.revokedAt) && Objects.equals(revokedBy, t.revokedBy)
                && Objects.equals(lastUsedAt, t.lastUsedAt) && Arrays.equals(salt, t.salt)
                && Arrays.equals(hash, t.hash) && hashAlgorithm.equals(t.hashAlgorithm)
                && expiryNotified == t.expiryNotified && version == t.version;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, version);
    }

    @Override
    public String toString() {
        return "StoredToken[id=" + id + ", owner=" + owner + ", name=" + name + ", organization=" + organization
                + ", scopes=" + scopes + ", createdAt=" + createdAt + ", createdBy=" + createdBy
                + ", createdVia=" + createdVia
                + ", expiresAt=" + expiresAt + ", revokedAt=" + revokedAt + ", revokedBy=" + revokedBy
                + ", lastUsedAt=" + lastUsedAt + ", hashAlgorithm=" + hashAlgorithm
                + ", expiryNotified=" + expiryNotified + ", version=" + version + "]";
    }
}
