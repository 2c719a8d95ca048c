package dev.pat4j.cli.internal;

import dev.pat4j.scan.TokenMatch;
import dev.pat4j.scan.TokenScanner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Walks files and directories in a stable (sorted) order and reports every token in them.
 * Skips {@code .git} directories, symbolic links, binary files (a NUL byte in the first 8 KiB,
 * as git decides) and files too large to be source or configuration.
 */
final class FileTreeScanner {
    static final long MAX_FILE_BYTES = 64L * 1024 * 1024;
    private static final int BINARY_PROBE = 8192;

    /** Where findings and problems go. */
    interface Sink {
        void found(Path file, TokenMatch match);

        void unreadable(Path file, String why);
    }

    private final TokenScanner scanner;
    private int filesScanned;

    FileTreeScanner(TokenScanner scanner) {
        this.scanner = scanner;
    }

    int filesScanned() {
        return filesScanned;
    }

    /** Scans {@code root}, a file or a directory. */
    void scan(Path root, Sink sink) {
        if (Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            walk(root, sink);
        } else if (Files.isRegularFile(root)) {
            scanFile(root, sink);
        }
    }

    private void walk(Path dir, Sink sink) {
        List<Path> children;
        try (Stream<Path> list = Files.list(dir)) {
            children = list.sorted().toList();
        } catch (IOException e) {
            sink.unreadable(dir, describe(e));
            return;
        }
        for (Path child : children) {
            if (Files.isSymbolicLink(child)) {
                continue;
            }
            if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                if (!".git".equals(child.getFileName().toString())) {
                    walk(child, sink);
                }
            } else if (Files.isRegularFile(child, LinkOption.NOFOLLOW_LINKS)) {
                scanFile(child, sink);
            }
        }
    }

    private void scanFile(Path file, Sink sink) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                sink.unreadable(file, "larger than " + MAX_FILE_BYTES / (1024 * 1024) + " MiB; skipped");
                return;
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readAllBytes();
            }
            if (looksBinary(bytes)) {
                return;
            }
            filesScanned++;
            for (TokenMatch match : scanner.scan(decode(bytes))) {
                sink.found(file, match);
            }
        } catch (IOException e) {
            sink.unreadable(file, describe(e));
        }
    }

    static boolean looksBinary(byte[] bytes) {
        int n = Math.min(bytes.length, BINARY_PROBE);
        for (int i = 0; i < n; i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }

    /** UTF-8, with malformed bytes replaced so that columns count characters and nothing is refused. */
    private static CharSequence decode(byte[] bytes) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        return decoder.decode(ByteBuffer.wrap(bytes));
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
