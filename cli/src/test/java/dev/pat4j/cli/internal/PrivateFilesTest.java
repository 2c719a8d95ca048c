package dev.pat4j.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Making a folder private changes its own files only: a symbolic link in it is not followed to its target. */
class PrivateFilesTest {
    @TempDir
    Path dir;

    @Test
    void aFolderAndItsFilesBecomePrivateButALinkedFileOutsideKeepsItsPermissions() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("pat-data"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwxr-x"));
        Path own = Files.writeString(folder.resolve("pat.mv.db"), "data");
        Files.setPosixFilePermissions(own, PosixFilePermissions.fromString("rw-rw-r--"));
        Path outside = Files.writeString(dir.resolve("shared.txt"), "someone else's");
        Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("rw-r--r--"));
        Files.createSymbolicLink(folder.resolve("link"), outside);

        PrivateFiles.folder(folder);
        PrivateFiles.files(folder, name -> true);

        assertThat(Files.getPosixFilePermissions(folder)).isEqualTo(PrivateFiles.FOLDER);
        assertThat(Files.getPosixFilePermissions(own)).isEqualTo(PrivateFiles.FILE);
        assertThat(Files.getPosixFilePermissions(outside)).isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
    }

    @Test
    void aMissingFolderIsCreatedPrivateWithItsParents() throws Exception {
        Path folder = dir.resolve("a/b/pat-data");
        PrivateFiles.folder(folder);
        assertThat(Files.getPosixFilePermissions(folder)).isEqualTo(PrivateFiles.FOLDER);
    }
}
