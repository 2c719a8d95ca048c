package dev.pat4j.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The password file: random, private, written once even when several processes race for it, never half-written. */
class DatabasePasswordTest {
    @TempDir
    Path dir;

    @Test
    void passwordsAre256RandomBitsInUrlSafeBase64() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String password = DatabasePassword.generate();
            assertThat(password).matches("[A-Za-z0-9_-]{43}");
            seen.add(password);
        }
        assertThat(seen).hasSize(1000);
    }

    @Test
    void racingWritersAllReadTheOneCompletePasswordThatWonAndLeaveNothingElse() throws Exception {
        Path file = dir.resolve("pat.password");
        int writers = 16;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<String>> racing = IntStream.range(0, writers)
                    .mapToObj(i -> pool.submit(() -> {
                        start.await();
                        return DatabasePassword.readOrCreate(file);
                    })).toList();
            start.countDown();
            Set<String> read = new HashSet<>();
            for (Future<String> f : racing) {
                read.add(f.get());
            }
            assertThat(read).singleElement().asString().matches("[A-Za-z0-9_-]{43}");
            assertThat(Files.readString(file)).isEqualTo(read.iterator().next());
        } finally {
            pool.shutdownNow();
        }
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        try (Stream<Path> listing = Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("pat.password");
        }
    }

    @Test
    void anExistingPasswordIsKeptAndAnEmptyOneRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("pat.password"), "chosen-by-hand\n");
        assertThat(DatabasePassword.readOrCreate(file)).isEqualTo("chosen-by-hand");
        Files.writeString(file, " \n");
        assertThatThrownBy(() -> DatabasePassword.readOrCreate(file))
                .isInstanceOf(CliFailure.class).hasMessageContaining("is empty");
    }
}
