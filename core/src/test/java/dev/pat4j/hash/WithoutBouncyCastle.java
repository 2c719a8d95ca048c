package dev.pat4j.hash;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.pat4j.Pat4j;
import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.lifecycle.NewToken;
import dev.pat4j.scope.AzureDevOpsScopes;
import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.store.StoredToken;
import dev.pat4j.validation.RejectionReason;
import dev.pat4j.validation.ValidationResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.LoggerFactory;

/**
 * The program {@link WithoutBouncyCastleTest} runs in a JVM whose class path lacks BouncyCastle:
 * prints "ok ..." for each check that holds and exits 0, or prints "FAIL ..." and exits 1. An
 * exception escaping (a NoClassDefFoundError, say) exits non-zero too.
 */
final class WithoutBouncyCastle {
    private static final String ARGON2_RECORD = "argon2id$m=64,t=1,p=1";

    private WithoutBouncyCastle() {
    }

    public static void main(String[] args) throws Exception {
        try {
            Class.forName("org.bouncycastle.crypto.generators.Argon2BytesGenerator");
            fail("BouncyCastle is on the class path: this run would prove nothing");
        } catch (ClassNotFoundException expected) {
            ok("BouncyCastle absent");
        }
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(log);

        byte[] pepper = "pepper-0123456789-0123456789-abcdef".getBytes(StandardCharsets.US_ASCII);
        for (SecretHashing hashing : new SecretHashing[] {SecretHashing.sha256(), SecretHashing.hmacSha256(pepper)}) {
            try (Pat4j pat4j = node(hashing)) {
                IssuedToken t = create(pat4j);
                check(pat4j.validator().check("Bearer " + t.token(), "acme").authenticated(),
                        hashing.algorithm() + " creates and validates");
            }
        }

        try {
            SecretHashing.argon2id();
            fail("argon2id() accepted without BouncyCastle");
        } catch (IllegalStateException e) {
            check(e.getMessage().contains("org.bouncycastle:bcprov-jdk18on"), "argon2id() refused: " + e.getMessage());
        }
        try {
            SecretHashing.argon2id(64, 1, 1);
            fail("argon2id(64, 1, 1) accepted without BouncyCastle");
        } catch (IllegalStateException e) {
            check(e.getMessage().contains("org.bouncycastle:bcprov-jdk18on"), "argon2id(m, t, p) refused");
        }

        try (Pat4j pat4j = node(SecretHashing.sha256())) {
            IssuedToken t = create(pat4j);
            String id = t.info().id();
            StoredToken stored = pat4j.store().find(id).orElseThrow();
            // as a node with BouncyCastle would have stored it
            check(pat4j.store().update(stored.withHash(stored.salt(), stored.hash(), ARGON2_RECORD)),
                    "record re-hashed to " + ARGON2_RECORD);
            ValidationResult expected = new ValidationResult.Rejected(RejectionReason.SECRET_MISMATCH, id);
            for (int i = 0; i < 3; i++) { // a store load, then the cached record
                ValidationResult result = pat4j.validator().check("Bearer " + t.token(), "acme");
                check(result.equals(expected), "argon2id record rejected: " + result);
            }
            check(pat4j.tokens().revokeLeaked(t.token(), "somewhere").isEmpty(),
                    "a leak report of it cannot be verified and is ignored");
        }
        long warnings = log.list.stream()
                .filter(e -> e.getLevel() == Level.WARN && e.getFormattedMessage().contains("bcprov-jdk18on"))
                .count();
        check(warnings == 1, "one warning naming the dependency, not one per request (" + warnings + ")");
        System.exit(0); // Pat4j's threads are daemons, but say it plainly
    }

    private static Pat4j node(SecretHashing hashing) {
        return Pat4j.builder().scopes(AzureDevOpsScopes.catalog()).store(new InMemoryTokenStore()).hashing(hashing)
                .build();
    }

    private static IssuedToken create(Pat4j pat4j) {
        return pat4j.tokens().create(NewToken.builder("alice", "ci").organization("acme")
                .lifespan(Duration.ofDays(1)).scopes("code:read").build(), Actor.user("alice"));
    }

    private static void check(boolean holds, String what) {
        if (!holds) {
            fail(what);
        }
        ok(what);
    }

    private static void ok(String what) {
        System.out.println("ok " + what);
    }

    private static void fail(String what) {
        System.out.println("FAIL " + what);
        System.exit(1);
    }
}
