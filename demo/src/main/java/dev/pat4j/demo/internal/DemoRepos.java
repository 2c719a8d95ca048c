package dev.pat4j.demo.internal;

import dev.pat4j.cli.internal.JsonWriter;
import dev.pat4j.validation.TokenPrincipal;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * The demo's toy data, shared by the servlet and the JAX-RS parts: a list of repository names
 * in memory, and the JSON both parts answer with.
 */
public final class DemoRepos {
    static final int MAX_REPOS = 1000;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final List<String> names = new CopyOnWriteArrayList<>(List.of("pat4j", "website"));

    /** The repositories as JSON. */
    String listJson(String servedBy) {
        JsonWriter json = new JsonWriter().beginObject().field("servedBy", servedBy);
        json.name("repos").beginArray();
        for (String name : names) {
            json.value(name);
        }
        return json.endArray().endObject().toString();
    }

    /**
     * Adds a repository.
     *
     * @return the JSON of the new repository, or null if the name is not acceptable
     */
    String add(String name, String servedBy) {
        if (name == null || !NAME.matcher(name).matches() || names.size() >= MAX_REPOS) {
            return null;
        }
        names.add(name);
        return new JsonWriter().beginObject().field("servedBy", servedBy).field("created", name).endObject()
                .toString();
    }

    /** Who the token is, as JSON: owner, token id, organization, scopes, expiry. */
    static String whoamiJson(TokenPrincipal principal, String servedBy) {
        JsonWriter json = new JsonWriter().beginObject()
                .field("servedBy", servedBy)
                .field("owner", principal.owner())
                .field("tokenId", principal.tokenId())
                .field("organization", principal.organization());
        json.name("scopes").beginArray();
        for (String scope : principal.scopes().minimal()) {
            json.value(scope);
        }
        return json.endArray().field("expiresAt", principal.expiresAt().toString()).endObject().toString();
    }

    static String errorJson(String message) {
        return new JsonWriter().beginObject().field("error", message).endObject().toString();
    }
}
