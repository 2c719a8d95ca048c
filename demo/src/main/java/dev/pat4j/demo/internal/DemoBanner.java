package dev.pat4j.demo.internal;

import dev.pat4j.cli.internal.CliContext;
import dev.pat4j.cli.internal.DatabaseLocation;
import dev.pat4j.cli.internal.TokenText;
import dev.pat4j.lifecycle.IssuedToken;
import java.io.PrintWriter;
import java.util.List;

/** What {@code pat demo} prints at start: where it serves, the token (once) and commands that work as printed. */
final class DemoBanner {
    private DemoBanner() {
    }

    static void print(PrintWriter out, int port, DatabaseLocation location, CliContext context, IssuedToken issued,
                      int retired, List<DemoServer.User> users) {
        String base = "http://127.0.0.1:" + port;
        String token = issued.token();
        String id = issued.info().id();
        DemoServer.User owner = users.stream().filter(u -> u.name().equals(issued.info().owner())).findFirst()
                .orElseThrow();
        // the page first: what a newcomer opens, clicks through, then uses the token from with curl
        out.println("pat demo: open " + base + DemoServer.PAGE_PATH + "/ in a browser: the self-service token page");
        for (DemoServer.User user : users) {
            out.println("  sign in as " + user.name() + " / " + user.password()
                    + (user.administrator() ? "   (an administrator: sees and revokes everyone's tokens)"
                    : user == owner ? "   (owns the demo token below)" : "   (another user)"));
        }
        out.println();
        out.println("pat demo: serving " + base);
        out.println("  /api/...  pat4j servlet filter    /rest/...  pat4j JAX-RS feature (Jersey)");
        out.println("  " + DemoServer.GIT_PATH + "/" + DemoGit.REPOSITORY + "  a Git repository (smart HTTP, JGit) behind the"
                + " servlet filter");
        out.println("  " + DemoServer.FORWARD_AUTH_PATH + "      forward authentication for nginx, Traefik, Caddy"
                + " (web/README.md)");
        out.println("  " + DemoServer.PAGE_PATH + "/   the token page      " + DemoServer.MANAGE_PATH
                + "/...  the management REST API it calls (web/README.md), for the users above");
        out.println("  database: " + location.displayUrl());
        if (retired > 0) {
            out.println("  revoked " + retired + " earlier demo token" + (retired == 1 ? "" : "s")
                    + " (a demo token is shown only by the run that creates it)");
        }
        out.println();
        out.println("Demo token of user '" + issued.info().owner() + "' (id " + id + ", scope "
                + issued.info().scopes().format() + ", expires " + TokenText.time(issued.info().expiresAt())
                + "). It is shown only now:");
        out.println("  " + token);
        out.println();
        out.println("Try it (each line works as printed):");
        out.println("  curl -u :" + token + " " + base + "/api/whoami");
        out.println("  curl -u :" + token + " " + base + "/api/repos");
        out.println("  curl -H 'Authorization: Bearer " + token + "' " + base + "/rest/repos");
        out.println("  curl -i -u :" + token + " -d name=hello " + base + "/api/repos     # 403: needs code:write");
        out.println("  curl -i " + base + "/rest/whoami     # 401: no token");
        out.println("  curl -i -u :" + token + " -H 'X-Forwarded-Uri: /repos' " + base + DemoServer.FORWARD_AUTH_PATH
                + "     # 200: what a proxy asks; X-Pat4j-Owner in the answer");
        out.println("  curl -u " + owner.name() + ":" + owner.password() + " " + base + DemoServer.MANAGE_PATH
                + "/tokens     # 200: the demo user's tokens, as JSON");
        out.println("  (a token you create in the token page works in these lines too, in place of this one)");
        out.println("  git clone http://demo:" + token + "@127.0.0.1:" + port + DemoServer.GIT_PATH + "/"
                + DemoGit.REPOSITORY + "     # any user name; pushing needs code:write");
        out.println();
        out.println("Revoke it in the page (signed in as " + owner.name() + " or " + users.stream()
                .filter(DemoServer.User::administrator).map(DemoServer.User::name).findFirst().orElse("an administrator")
                + "), or from another terminal in this directory; the calls above then get 401 within about a second:");
        out.println("  ./pat revoke " + id + dbArgument(location, context));
        out.println();
        out.println("Press Ctrl-C to stop.");
        out.flush();
    }

    /** The revoke line names the database unless the other terminal would find it by default. */
    private static String dbArgument(DatabaseLocation location, CliContext context) {
        if (location.url().equals(DatabaseLocation.defaultUrl(context.workingDirectory()))) {
            return "";
        }
        return " --db '" + location.displayUrl().replace("'", "'\\''") + "'";
    }
}
