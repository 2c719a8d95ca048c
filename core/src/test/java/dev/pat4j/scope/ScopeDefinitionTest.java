package dev.pat4j.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The name grammar the catalog documents, and what a scope's definition carries. */
class ScopeDefinitionTest {

    @Test
    void theGrammarCoversTheNamesOfTheCommonTokenSystems() {
        for (String name : List.of("code:read", "agentpools:manage", "vso.code_write", "repo", "read:org", "read_api",
                "admin:org_hook", "a", "x-y.z:w_1", "a".repeat(100))) {
            assertThat(ScopeCatalog.isValidName(name)).as(name).isTrue();
            assertThat(ScopeCatalog.builder().scope(name).build().isDeclared(name)).as(name).isTrue();
        }
        for (String name : new String[] {null, "", "*", "Repo", "1repo", "re po", "re,po", "repo:", ":repo", "a..b",
            "a:.b", "a".repeat(101), "héllo"}) {
            assertThat(ScopeCatalog.isValidName(name)).as(String.valueOf(name)).isFalse();
        }
    }

    @Test
    void definitionsCarryLabelGroupFlagAndDirectImplications() {
        ScopeCatalog c = ScopeCatalog.builder()
                .scope(new ScopeDefinition("repo", "Full control of repositories", "Repositories", true,
                        Set.of("repo:status")))
                .scope("repo:status")
                .scope(ScopeDefinition.of("read:org").withLabel("Read organizations").withGroup("Organizations"))
                .implies("repo", "read:org")
                .build();
        assertThat(c.definition("repo")).hasValue(new ScopeDefinition("repo", "Full control of repositories",
                "Repositories", true, Set.of("read:org", "repo:status")));
        assertThat(c.definition("repo:status")).hasValue(ScopeDefinition.of("repo:status"));
        assertThat(c.definition("read:org").orElseThrow().label()).isEqualTo("Read organizations");
        assertThat(c.definition("*").orElseThrow().highPrivilege()).isTrue();
        assertThat(c.definition("nope")).isEmpty();
        assertThat(c.definitions()).extracting(ScopeDefinition::name).containsExactly("*", "read:org", "repo",
                "repo:status");
        assertThat(c.of("repo").all()).containsExactly("read:org", "repo", "repo:status");
    }

    @Test
    void theAzureDevOpsPresetIsLabelledAndGrouped() {
        ScopeCatalog c = AzureDevOpsScopes.catalog();
        ScopeDefinition full = c.definition("code:full").orElseThrow();
        assertThat(full.group()).isEqualTo("Code");
        assertThat(full.highPrivilege()).isTrue();
        assertThat(full.implies()).containsExactly("code:manage", "code:status");
        assertThat(c.definition("code:read").orElseThrow().highPrivilege()).isFalse();
        assertThat(c.definitions()).allSatisfy(d -> assertThat(d.label()).isNotBlank());
    }

    @Test
    void badDefinitionsAreRefused() {
        assertThatThrownBy(() -> new ScopeDefinition("repo", " ", null, false, Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label");
        assertThatThrownBy(() -> new ScopeDefinition("repo", "x", "a\nb", false, Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("group");
        assertThatThrownBy(() -> new ScopeDefinition("Repo", "x", null, false, Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Repo'");
        assertThatThrownBy(() -> ScopeCatalog.builder().scope(new ScopeDefinition("*", "all", null, true, Set.of())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScopeCatalog.builder().scope(ScopeDefinition.of("a").withImplies(List.of("b")))
                .build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("undeclared scope 'b'");
    }
}
