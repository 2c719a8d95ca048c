package dev.pat4j.testkit;

import dev.pat4j.Pat4j;
import dev.pat4j.event.TokenEvent;
import dev.pat4j.event.TokenEventListener;
import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.lifecycle.NewToken;
import dev.pat4j.scope.AzureDevOpsScopes;
import dev.pat4j.store.TokenStore;
import dev.pat4j.validation.ValidationResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * Small helpers for tests of pat4j and of what is built on it: a builder on the preset
 * catalog with a test clock and store, token creation, Basic and Bearer headers, forged
 * look-alike tokens, and bounded waiting. Stateless and thread-safe.
 */
public final class Fixtures {
    /** Where every test clock starts: a fixed instant, so dates in failures are reproducible. */
    public static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

    private Fixtures() {
    }

    /** A builder on the Azure DevOps catalog, the given clock and store. */
    public static Pat4j.Builder builder(MutableClock clock, TokenStore store) {
        return Pat4j.builder().scopes(AzureDevOpsScopes.catalog()).clock(clock).store(store);
    }

    /** A request for a token bound to {@code organization} with the given lifespan and scopes. */
    public static NewToken request(String owner, String organization, Duration lifespan, String... scopes) {
        return NewToken.builder(owner, owner + "-token").organization(organization).lifespan(lifespan)
                .scopes(scopes).build();
    }

    /** Creates a token of {@code owner} (acting as the owner) for {@code organization}. */
    public static IssuedToken create(Pat4j pat4j, String owner, String organization, Duration lifespan,
                                     String... scopes) {
        return pat4j.tokens().create(request(owner, organization, lifespan, scopes), Actor.user(owner));
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code body} (a token without its checksum) with its correct CRC32 checksum appended. */
    public static String withChecksum(String body) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        long v = crc.getValue();
        String digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        char[] out = new char[6];
        for (int i = 5; i >= 0; i--) {
            out[i] = digits.charAt((int) (v % 62));
            v /= 62;
        }
        return body + new String(out);
    }

    /**
     * A look-alike of a {@code pat} token: the same id, another secret, a correct checksum. It
     * passes every format check and names a real token, but is not that token.
     */
    public static String lookAlike(String token) {
        int secretStart = token.indexOf('_') + 1 + 12;
        char c = token.charAt(secretStart);
        String body = token.substring(0, secretStart) + (c == 'a' ? 'b' : 'a')
                + token.substring(secretStart + 1, token.length() - 6);
        return withChecksum(body);
    }

    /** The principal's token id when authenticated; fails the test otherwise. */
    public static String authenticatedId(ValidationResult result) {
        if (result instanceof ValidationResult.Authenticated a) {
            return a.principal().tokenId();
        }
        throw new AssertionError("expected authenticated, got " + result);
    }

    /** Polls {@code condition} every 10 ms for at most {@code limit}; true once it holds. */
    public static boolean eventually(Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }

    /** A listener that keeps every event it receives. */
    public static final class RecordingListener implements TokenEventListener {
        private final List<TokenEvent> events = new CopyOnWriteArrayList<>();

        @Override
        public void onEvent(TokenEvent event) {
            events.add(event);
        }

        public List<TokenEvent> events() {
            return List.copyOf(events);
        }

        public <T extends TokenEvent> List<T> of(Class<T> type) {
            List<T> out = new ArrayList<>();
            for (TokenEvent e : events) {
                if (type.isInstance(e)) {
                    out.add(type.cast(e));
                }
            }
            return out;
        }

        public void clear() {
            events.clear();
        }
    }
}
