/**
 * One typed configuration of a pat4j deployment: {@link dev.pat4j.settings.Pat4jSettings}, read
 * from a properties file whose single keys environment variables may override, and mapped onto
 * {@link dev.pat4j.Pat4j.Builder#settings}. Every process that shares a database (the
 * application's nodes, the {@code pat} CLI, the demo) reads the same file, so they share its
 * scope catalog, prefix, hashing and policy; a fingerprint of the settings that decide whether
 * a token verifies (prefix, hashing, pepper id) is recorded in the store, and a process whose
 * settings differ refuses to run ({@link dev.pat4j.settings.SettingsMismatchException}).
 *
 * <p>The key scheme, the file's syntax and the override rules are described on
 * {@link dev.pat4j.settings.Pat4jSettings}; the README holds one complete example file.
 *
 * <p>Every type here is null-marked: a parameter or result is never null unless it is
 * annotated {@code @Nullable}.
 */
@NullMarked
package dev.pat4j.settings;

import org.jspecify.annotations.NullMarked;
