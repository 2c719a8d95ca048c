package dev.pat4j.lifecycle;

import java.util.List;

/**
 * Fires the "expiring soon" event once per token, a configurable window (seven days by
 * default) before it expires. The application schedules {@link #run()}; several nodes may run
 * it against one store at once and each token is still announced exactly once.
 * Implementations are thread-safe: several threads, or several nodes on one store, may run it at once.
 */
public interface ExpiryNotifier {
    /** Announces every token newly inside the window and returns them. */
    List<TokenInfo> run();
}
