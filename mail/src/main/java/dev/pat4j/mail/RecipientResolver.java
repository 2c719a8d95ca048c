package dev.pat4j.mail;

import java.util.Optional;

/**
 * The application's directory of mail addresses: from a token's owner (the id pat4j knows) to
 * where their mail goes. Implementations are thread-safe: notices may be mailed concurrently.
 */
@FunctionalInterface
public interface RecipientResolver {

    /**
     * Where {@code owner}'s mail goes; empty when the owner has no address (the notice is then
     * skipped, not retried, and reported to the sender's {@code onSkipped} hook and the log).
     *
     * @throws Exception if the directory cannot answer now; the outbox tries the notice again later
     */
    Optional<Recipient> resolve(String owner) throws Exception;
}
