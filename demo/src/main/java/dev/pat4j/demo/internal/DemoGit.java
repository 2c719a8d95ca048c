package dev.pat4j.demo.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.resolver.ServiceNotEnabledException;

/**
 * The demo's one Git repository, {@value #REPOSITORY}, served over Git's smart HTTP protocol by
 * JGit's {@link GitServlet} behind pat4j's servlet filter, so that {@code git clone} and
 * {@code git push} use a token as their password. The filter asks {@code code:read} for every
 * Git request and {@code code:write} for a push's upload; the push's first request (the ref
 * advertisement, a GET) is refused here with 403 unless the token holds {@code code:write}, so a
 * read-only token fails at once rather than after packing its objects. Thread-safe.
 */
final class DemoGit {
    /** The repository's name under {@link DemoServer#GIT_PATH}. */
    static final String REPOSITORY = "demo.git";
    static final String WRITE_SCOPE = "code:write";

    private final Repository repository;

    private DemoGit(Repository repository) {
        this.repository = repository;
    }

    /** Opens {@code root}/{@value #REPOSITORY}, creating it, private to this user, with one commit. */
    static DemoGit open(Path root) throws IOException {
        Path dir = root.resolve(REPOSITORY);
        boolean fresh = !Files.exists(dir);
        if (fresh) {
            Files.createDirectories(root);
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        Repository repository = new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().build();
        if (fresh) {
            repository.create(true);
            firstCommit(repository);
        }
        return new DemoGit(repository);
    }

    /** The servlet to mount at {@link DemoServer#GIT_PATH}{@code /*}. */
    GitServlet servlet() {
        GitServlet servlet = new GitServlet();
        servlet.setRepositoryResolver((HttpServletRequest request, String name) -> {
            if (!REPOSITORY.equals(name)) {
                throw new RepositoryNotFoundException(name);
            }
            repository.incrementOpen();
            return repository;
        });
        servlet.setReceivePackFactory((HttpServletRequest request, Repository db) -> {
            // the filter has authenticated the request; its roles are the token's scopes
            if (!request.isUserInRole(WRITE_SCOPE)) {
                throw new ServiceNotEnabledException("pushing needs a token with " + WRITE_SCOPE);
            }
            ReceivePack receive = new ReceivePack(db);
            String owner = request.getRemoteUser();
            receive.setRefLogIdent(new PersonIdent(owner, owner + "@pat4j.invalid"));
            return receive;
        });
        return servlet;
    }

    void close() {
        repository.close();
    }

    private static void firstCommit(Repository repository) throws IOException {
        try (ObjectInserter inserter = repository.newObjectInserter()) {
            byte[] readme = ("# demo\n\nServed by `pat demo` behind pat4j: clone with a code:read token,"
                    + " push with a code:write token.\n").getBytes(StandardCharsets.UTF_8);
            TreeFormatter tree = new TreeFormatter();
            tree.append("README.md", FileMode.REGULAR_FILE, inserter.insert(Constants.OBJ_BLOB, readme));
            PersonIdent author = new PersonIdent("pat demo", "demo@pat4j.invalid");
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(inserter.insert(tree));
            commit.setAuthor(author);
            commit.setCommitter(author);
            commit.setMessage("The demo repository\n");
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            RefUpdate main = repository.updateRef("refs/heads/main");
            main.setNewObjectId(id);
            main.update();
            repository.updateRef(Constants.HEAD).link("refs/heads/main");
        }
    }
}
