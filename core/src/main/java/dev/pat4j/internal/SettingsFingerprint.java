package dev.pat4j.internal;

import dev.pat4j.hash.SecretHashing;
import dev.pat4j.settings.SettingsMismatchException;
import dev.pat4j.store.SettingsFingerprintStore;
import dev.pat4j.store.StoreUnavailableException;
import dev.pat4j.store.TokenStore;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settings that decide whether a token verifies, recorded in the store by the first process
 * and compared by every later one, which refuses to start when it could not verify the store's
 * tokens: another prefix, another algorithm, another pepper.
 *
 * <p>What is recorded: {@code token.prefix}; {@code hashing.algorithm}, the stored algorithm name
 * without a pepper id ({@code sha256}, {@code hmac-sha256}, {@code argon2id$m=…}); with a pepper,
 * {@code hashing.pepper-id} (absent for a pepper without id) and {@code hashing.pepper-check},
 * the first 16 bytes of HMAC-SHA-256(pepper, a fixed text) in base64url: a tag that tells a wrong
 * pepper under the right id, and reveals nothing of the pepper (an HMAC's output does not give
 * its key away; with a pepper of at least 32 random bytes no guess can be tested against it).
 *
 * <p>A process may record its own settings over the store's only when it moves forward
 * deliberately: from the default hashing ({@code sha256}, whose records every process can verify)
 * or from a pepper it holds as a previous pepper (rotation). Any other difference is a
 * {@link SettingsMismatchException}. Stateless, hence thread-safe.
 */
public final class SettingsFingerprint {
    static final String PREFIX = "token.prefix";
    static final String ALGORITHM = "hashing.algorithm";
    static final String PEPPER_ID = "hashing.pepper-id";
    static final String PEPPER_CHECK = "hashing.pepper-check";
    private static final byte[] CHECK_TEXT = "pat4j settings fingerprint: pepper check".getBytes(StandardCharsets.US_ASCII);
    private static final Logger LOG = LoggerFactory.getLogger(SettingsFingerprint.class);

    private SettingsFingerprint() {
    }

    /** What a process with {@code prefix} and {@code hashing} records. */
    public static Map<String, String> of(String prefix, SecretHashing hashing) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(PREFIX, prefix);
        String algorithm = hashing.algorithm();
        out.put(ALGORITHM, SecretHashing.withoutPepperId(algorithm));
        String pepperId = SecretHashing.pepperIdOf(algorithm);
        if (pepperId != null) {
            if (!pepperId.isEmpty()) {
                out.put(PEPPER_ID, pepperId);
            }
            out.put(PEPPER_CHECK, check(Objects.requireNonNull(hashing.pepperFor(pepperId))));
        }
        return Map.copyOf(out);
    }

    /**
     * Compares this process's settings with those {@code store} records, recording them when the
     * store has none (or this process moves them forward).
     *
     * @throws SettingsMismatchException if this process could not verify the store's tokens
     */
    public static void check(TokenStore store, String prefix, SecretHashing hashing) {
        Optional<SettingsFingerprintStore> capability = store.capability(SettingsFingerprintStore.class);
        if (capability.isEmpty()) {
            return;
        }
        SettingsFingerprintStore fingerprints = capability.get();
        Map<String, String> own = of(prefix, hashing);
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<Map<String, String>> read;
            try {
                read = fingerprints.recordedSettings();
            } catch (StoreUnavailableException e) {
                LOG.warn("settings not compared with the token store's, which is unreachable ({}); a process with"
                        + " other settings would reject its tokens", e.getMessage());
                return;
            }
            if (read.isEmpty()) {
                LOG.warn("the token store keeps no record of its settings (for the JDBC store: its schema is older"
                        + " than version 4; run migrate()), so they are not compared with this process's");
                return;
            }
            Map<String, String> recorded = read.get();
            if (recorded.equals(own)) {
                return;
            }
            if (!recorded.isEmpty()) {
                refuseUnlessForward(recorded, own, hashing);
            }
            try {
                if (fingerprints.replaceRecordedSettings(recorded, own)) {
                    if (!recorded.isEmpty()) {
                        LOG.info("token store settings moved from {} to {}", describe(recorded), describe(own));
                    }
                    return;
                }
            } catch (StoreUnavailableException e) {
                LOG.warn("settings not recorded in the token store, which is unreachable ({})", e.getMessage());
                return;
            }
            // another process recorded or moved them meanwhile: compare with theirs
        }
        LOG.warn("settings not recorded in the token store: it kept changing under this process");
    }

    private static void refuseUnlessForward(Map<String, String> recorded, Map<String, String> own,
                                            SecretHashing hashing) {
        String storePrefix = value(recorded, PREFIX);
        if (!storePrefix.equals(own.get(PREFIX))) {
            throw new SettingsMismatchException("pat4j.token.prefix", storePrefix, own.get(PREFIX),
                    "settings differ from the token store's: pat4j.token.prefix is '" + own.get(PREFIX)
                            + "' here but '" + storePrefix + "' in the store, whose tokens this process would"
                            + " reject: use the settings of the application that owns the store");
        }
        String storeAlgorithm = value(recorded, ALGORITHM);
        String ownAlgorithm = own.get(ALGORITHM);
        boolean storeHmac = SecretHashing.HMAC_SHA_256.equals(storeAlgorithm);
        String storePepper = recorded.getOrDefault(PEPPER_ID, SecretHashing.UNNAMED_PEPPER);
        String ownPepper = own.getOrDefault(PEPPER_ID, SecretHashing.UNNAMED_PEPPER);
        boolean ownHmac = SecretHashing.HMAC_SHA_256.equals(ownAlgorithm);
        if (storeHmac && ownHmac && storePepper.equals(ownPepper)) {
            // same algorithm and pepper id, so only the pepper's bytes can differ
            throw new SettingsMismatchException("pat4j.hashing.pepper", pepperName(storePepper),
                    "another " + pepperName(ownPepper), "settings differ from the token store's: pat4j.hashing.pepper"
                    + " is not the " + pepperName(storePepper) + " that the store's tokens were hashed with (same id,"
                    + " other bytes): check where pat4j.hashing.pepper points");
        }
        if (SecretHashing.SHA_256.equals(storeAlgorithm)) {
            return; // the default: every process verifies its records, so moving on from it is safe
        }
        if (storeHmac) {
            byte[] held = hashing.pepperFor(storePepper);
            if (held != null) {
                try {
                    if (check(held).equals(recorded.get(PEPPER_CHECK))) {
                        return; // rotation: this process holds the store's pepper as a previous one
                    }
                } finally {
                    Arrays.fill(held, (byte) 0);
                }
                throw new SettingsMismatchException("pat4j.hashing.previous-peppers", pepperName(storePepper),
                        "another " + pepperName(storePepper), "settings differ from the token store's: the previous "
                        + pepperName(storePepper) + " in pat4j.hashing.previous-peppers is not the one the store's"
                        + " tokens were hashed with (same id, other bytes)");
            }
            if (ownHmac) {
                throw new SettingsMismatchException("pat4j.hashing.pepper-id", display(storePepper),
                        display(ownPepper), "settings differ from the token store's: pat4j.hashing.pepper-id is "
                        + display(ownPepper) + " here but " + display(storePepper) + " in the store, and this process"
                        + " does not hold that pepper: use the application's pepper, or to rotate it keep the old one"
                        + " in pat4j.hashing.previous-peppers = " + storePepper + ":env:…");
            }
        }
        throw new SettingsMismatchException("pat4j.hashing.algorithm", describeHashing(recorded),
                describeHashing(own), "settings differ from the token store's: pat4j.hashing.algorithm is "
                + describeHashing(own) + " here but " + describeHashing(recorded) + " in the store, whose tokens this"
                + " process " + (storeHmac ? "cannot verify without the store's pepper" : "would re-hash under other"
                + " settings") + ": use the settings of the application that owns the store (to change them on"
                + " purpose, see \"Settings fingerprint\" in pat4j's README)");
    }

    /** HMAC-SHA-256(pepper, fixed text), first 16 bytes, base64url: not secret. */
    static String check(byte[] pepper) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(pepper, "HmacSHA256"));
            byte[] tag = mac.doFinal(CHECK_TEXT);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(tag, 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static String value(Map<String, String> recorded, String name) {
        String v = recorded.get(name);
        return v == null ? "(none)" : v;
    }

    private static String pepperName(String id) {
        return id.isEmpty() ? "pepper without id" : "pepper " + id;
    }

    private static String display(@Nullable String id) {
        return id == null || id.isEmpty() ? "(none)" : id;
    }

    private static String describeHashing(Map<String, String> fingerprint) {
        String algorithm = value(fingerprint, ALGORITHM);
        String pepper = fingerprint.get(PEPPER_ID);
        return pepper == null ? algorithm : algorithm + " (pepper " + pepper + ")";
    }

    private static String describe(Map<String, String> fingerprint) {
        return "prefix " + value(fingerprint, PREFIX) + ", " + describeHashing(fingerprint);
    }
}
