package dev.pat4j.cli.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Folders and files only their owner can read: folders {@code rwx------}, files
 * {@code rw-------}. Permissions are given at creation and then set again explicitly, since the
 * umask may have taken bits from the ones asked for. On a file system without POSIX
 * permissions (Windows) files are created plainly. Symbolic links are never followed (a
 * {@code chmod} through one would change its target). Stateless.
 */
final class PrivateFiles {
    static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {
    }

    /** Creates {@code folder} (its parents as usual) private, or makes an existing one private. */
    static void folder(Path folder) {
        try {
            if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                Path parent = folder.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                if (posix(parent)) {
                    Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(FOLDER));
                } else {
                    Files.createDirectory(folder);
                }
            }
            restrict(folder, FOLDER);
        } catch (FileAlreadyExistsException e) {
            throw new CliFailure("cannot use " + folder + ": it is not a folder", e);
        } catch (IOException e) {
            throw new CliFailure("cannot make " + folder + " private", e);
        }
    }

    /** Makes every regular file directly in {@code folder} that {@code select} accepts private. */
    static void files(Path folder, Predicate<String> select) {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(p -> select.test(p.getFileName().toString()))
                    .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList();
        } catch (IOException e) {
            throw new CliFailure("cannot list " + folder, e);
        }
        for (Path file : files) {
            try {
                restrict(file, FILE);
            } catch (java.nio.file.NoSuchFileException e) {
                // H2 deleted it meanwhile (a lock or temporary file)
            } catch (IOException e) {
                throw new CliFailure("cannot make " + file + " private", e);
            }
        }
    }

    /**
     * Creates {@code target} holding {@code content}, private, so that no other process ever
     * sees it partly written: the content goes to a private temporary file beside it, which is
     * then linked (or, where links are not supported, moved) to the name.
     *
     * @return false if {@code target} existed already (another process was first); it is left as it is
     */
    static boolean createAtomically(Path target, byte[] content) {
        Path folder = target.toAbsolutePath().getParent();
        Path temporary = folder.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try {
                write(temporary, content);
                return publish(temporary, target);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new CliFailure("cannot write " + target, e);
        }
    }

    private static void write(Path file, byte[] content) throws IOException {
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        FileAttribute<?>[] attributes = posix(file.getParent())
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
        try (FileChannel channel = FileChannel.open(file, options, attributes)) {
            restrict(file, FILE);
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    private static boolean publish(Path temporary, Path target) throws IOException {
        try {
            Files.createLink(target, temporary);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException e) {
            try {
                Files.move(temporary, target); // without REPLACE_EXISTING: refused if another process was first
                return true;
            } catch (FileAlreadyExistsException taken) {
                return false;
            }
        }
    }

    private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (view != null && !view.readAttributes().permissions().equals(permissions)) {
            view.setPermissions(permissions);
        }
    }

    private static boolean posix(Path folder) throws IOException {
        return folder != null && Files.getFileStore(folder).supportsFileAttributeView(PosixFileAttributeView.class);
    }
}
