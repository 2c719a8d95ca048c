package dev.pat4j.scope;

/**
 * A preset catalog modelled on the scopes of Azure DevOps personal access tokens, for demos,
 * tests and applications that want a familiar starting point.
 * Stateless; the catalog it returns is immutable and thread-safe.
 */
public final class AzureDevOpsScopes {
    private AzureDevOpsScopes() {
    }

    /** A new catalog with the Azure DevOps-like scopes and their implications. */
    public static ScopeCatalog catalog() {
        return ScopeCatalog.builder()
                .scope("agentpools:read")
                .scope("agentpools:manage", "agentpools:read")
                .scope("auditlog:read")
                .scope("auditlog:manage", "auditlog:read")
                .scope("build:read")
                .scope("build:execute", "build:read")
                .scope("code:read")
                .scope("code:write", "code:read")
                .scope("code:manage", "code:write")
                .scope("code:status")
                .scope("code:full", "code:manage", "code:status")
                .scope("packaging:read")
                .scope("packaging:write", "packaging:read")
                .scope("packaging:manage", "packaging:write")
                .scope("project:read")
                .scope("project:write", "project:read")
                .scope("project:manage", "project:write")
                .scope("release:read")
                .scope("release:execute", "release:read")
                .scope("release:manage", "release:execute")
                .scope("tokens:read")
                .scope("tokens:manage", "tokens:read")
                .scope("variablegroups:read")
                .scope("variablegroups:manage", "variablegroups:read")
                .scope("workitems:read")
                .scope("workitems:write", "workitems:read")
                .scope("workitems:manage", "workitems:write")
                .build();
    }
}
