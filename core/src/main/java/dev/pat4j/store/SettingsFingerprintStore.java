package dev.pat4j.store;

import java.util.Map;
import java.util.Optional;

/**
 * A store capability (see "How the SPI grows" on {@link TokenStore}): the store keeps a few
 * name–value pairs describing the settings its tokens were written under (token prefix, hashing
 * algorithm, pepper id and a check value of the pepper), so that a process with other settings
 * refuses to start instead of rejecting every token ({@link dev.pat4j.settings.SettingsMismatchException}).
 * {@link dev.pat4j.Pat4j} reads and compares them when it is built; the store only keeps them. None
 * of the values is secret.
 *
 * <p>The JDBC store offers it (table {@code pat4j_settings}, schema version 4). The in-memory
 * store does not: its tokens live and die with one process, whose settings cannot disagree with
 * themselves. Implementations are thread-safe and make {@link #replaceRecordedSettings} atomic;
 * the test kit's {@code TokenStoreContract} checks both for stores that offer this capability.
 */
public interface SettingsFingerprintStore {

    /**
     * The recorded settings, by name; an empty map when none were recorded yet.
     *
     * @return empty if the store cannot keep settings now (the JDBC store on a schema older than
     *     version 4), so that pat4j goes on without the check
     * @throws StoreUnavailableException if the store cannot be reached
     */
    Optional<Map<String, String>> recordedSettings();

    /**
     * Replaces the recorded settings by {@code replacement} if they are exactly {@code expected}
     * (an empty map: none recorded), in one atomic step, so that of two processes racing to record
     * or change them one wins and the other reads the winner's.
     *
     * @return false if the recorded settings were not {@code expected}; nothing changed then
     * @throws StoreUnavailableException if the store cannot be reached
     */
    boolean replaceRecordedSettings(Map<String, String> expected, Map<String, String> replacement);
}
