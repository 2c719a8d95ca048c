package dev.pat4j.cli.internal;

import dev.pat4j.Pat4j;
import dev.pat4j.lifecycle.TokenInfo;
import dev.pat4j.lifecycle.TokenPage;
import dev.pat4j.lifecycle.TokenQuery;
import dev.pat4j.lifecycle.TokenSort;
import dev.pat4j.lifecycle.TokenState;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code pat list}: a user's tokens, never their secrets; filtered and sorted through the paged listing. */
@Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Lists a user's tokens, newest first: id, name, organization, scopes, created, expires,"
                + " last used, state (active / expired / revoked), created by (who acted) and created via (the"
                + " tool, if one was named). Secrets are never stored, so never shown.",
        footer = {"", "Example: pat list --owner alice --json",
            "Example: pat list --owner alice --state active,expired --search ci --sort expires"})
final class ListCommand extends DatabaseCommand {
    private static final Map<String, TokenSort> SORTS = Map.of("newest", TokenSort.CREATED_NEWEST,
            "oldest", TokenSort.CREATED_OLDEST, "expires", TokenSort.EXPIRES_SOONEST, "name", TokenSort.NAME);

    @Option(names = "--owner", required = true, paramLabel = "USER", description = "Whose tokens.")
    String owner;

    @Option(names = "--state", split = ",", paramLabel = "STATE",
            description = "Only tokens in this state (active, expired or revoked, as of now); repeat or separate"
                    + " with commas. Default: every state.")
    List<String> states = List.of();

    @Option(names = "--search", paramLabel = "TEXT",
            description = "Only tokens whose name contains TEXT, ignoring case.")
    @Nullable String search;

    @Option(names = "--sort", paramLabel = "ORDER",
            description = "newest (the default), oldest, expires (soonest first) or name.")
    @Nullable String sort;

    @Option(names = "--json", description = "Print a JSON array instead of a table.")
    boolean json;

    private @Nullable TokenQuery query;

    @Override
    void prepare() {
        if (states.isEmpty() && search == null && sort == null) {
            return; // the plain listing: listByOwner, as before the paged one existed
        }
        Set<TokenState> wanted = EnumSet.noneOf(TokenState.class);
        for (String s : states) {
            wanted.add(state(s));
        }
        TokenSort order = sort == null ? TokenSort.CREATED_NEWEST : sort(sort);
        query = Usage.check(spec, () -> TokenQuery.of(owner).withStates(wanted).withSearch(search).withSort(order)
                .withLimit(TokenQuery.MAX_LIMIT));
    }

    @Override
    int run(Pat4j pat4j, PrintWriter out) {
        List<TokenInfo> tokens = query == null ? pat4j.tokens().listByOwner(owner) : everyPage(pat4j, query);
        if (json) {
            out.println(TokenText.json(tokens));
        } else if (tokens.isEmpty()) {
            out.println("no tokens for " + Redaction.oneLine(owner) + (query == null ? "" : " that match"));
        } else {
            TokenText.table(out, tokens);
        }
        return ExitCodes.OK;
    }

    private static List<TokenInfo> everyPage(Pat4j pat4j, TokenQuery first) {
        List<TokenInfo> all = new ArrayList<>();
        TokenPage page = pat4j.tokens().list(first);
        all.addAll(page.tokens());
        while (page.nextCursor() != null) {
            page = pat4j.tokens().list(first.withCursor(page.nextCursor()));
            all.addAll(page.tokens());
        }
        return all;
    }

    private TokenState state(String name) {
        try {
            return TokenState.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--state must be active, expired or revoked");
        }
    }

    private TokenSort sort(String name) {
        TokenSort order = SORTS.get(name.strip().toLowerCase(Locale.ROOT));
        if (order == null) {
            throw new ParameterException(spec.commandLine(), "--sort must be newest, oldest, expires or name");
        }
        return order;
    }
}
