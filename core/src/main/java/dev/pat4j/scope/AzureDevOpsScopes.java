package dev.pat4j.scope;

import java.util.Set;

/**
 * A preset catalog modelled on the scopes of Azure DevOps personal access tokens, for demos,
 * tests and applications that want a familiar starting point: each scope has a label, a group
 * (the headings of Azure DevOps' token page) and, for the scopes that manage rather than read
 * or write, the high-privilege flag.
 * Stateless; the catalog it returns is immutable and thread-safe.
 */
public final class AzureDevOpsScopes {
    private AzureDevOpsScopes() {
    }

    /** A new catalog with the Azure DevOps-like scopes and their implications. */
    public static ScopeCatalog catalog() {
        return ScopeCatalog.builder()
                .scope(scope("agentpools:read", "Read agent pools", "Agent Pools", false))
                .scope(scope("agentpools:manage", "Read and manage agent pools", "Agent Pools",
                        true, "agentpools:read"))
                .scope(scope("auditlog:read", "Read the audit log", "Auditing", false))
                .scope(scope("auditlog:manage", "Read the audit log and manage its streams", "Auditing",
                        true, "auditlog:read"))
                .scope(scope("build:read", "Read builds", "Build", false))
                .scope(scope("build:execute", "Read and queue builds", "Build", false, "build:read"))
                .scope(scope("code:read", "Read code", "Code", false))
                .scope(scope("code:write", "Read and write code", "Code", false, "code:read"))
                .scope(scope("code:manage", "Read, write and manage code", "Code", true, "code:write"))
                .scope(scope("code:status", "Read and write commit statuses", "Code", false))
                .scope(scope("code:full", "Full access to code", "Code", true, "code:manage", "code:status"))
                .scope(scope("packaging:read", "Read packages", "Packaging", false))
                .scope(scope("packaging:write", "Read and write packages", "Packaging", false, "packaging:read"))
                .scope(scope("packaging:manage", "Read, write and manage packages", "Packaging",
                        true, "packaging:write"))
                .scope(scope("project:read", "Read projects and teams", "Project and Team", false))
                .scope(scope("project:write", "Read and write projects and teams", "Project and Team",
                        false, "project:read"))
                .scope(scope("project:manage", "Read, write and manage projects and teams", "Project and Team",
                        true, "project:write"))
                .scope(scope("release:read", "Read releases", "Release", false))
                .scope(scope("release:execute", "Read and run releases", "Release", false, "release:read"))
                .scope(scope("release:manage", "Read, run and manage releases", "Release", true, "release:execute"))
                .scope(scope("tokens:read", "Read personal access tokens", "Tokens", false))
                .scope(scope("tokens:manage", "Read and revoke personal access tokens", "Tokens", true, "tokens:read"))
                .scope(scope("variablegroups:read", "Read variable groups", "Variable Groups", false))
                .scope(scope("variablegroups:manage", "Read, create and manage variable groups", "Variable Groups",
                        true, "variablegroups:read"))
                .scope(scope("workitems:read", "Read work items", "Work Items", false))
                .scope(scope("workitems:write", "Read and write work items", "Work Items", false, "workitems:read"))
                .scope(scope("workitems:manage", "Read, write and delete work items", "Work Items",
                        true, "workitems:write"))
                .build();
    }

    private static ScopeDefinition scope(String name, String label, String group, boolean highPrivilege,
                                         String... implies) {
        return new ScopeDefinition(name, label, group, highPrivilege, Set.of(implies));
    }
}
