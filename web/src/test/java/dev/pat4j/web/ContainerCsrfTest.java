package dev.pat4j.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pat4j.Pat4j;
import dev.pat4j.scope.AzureDevOpsScopes;
import dev.pat4j.store.InMemoryTokenStore;
import org.junit.jupiter.api.Test;

/** The value type of {@link ContainerCsrf} and the builder option; the behaviour is in ManagementApiContract. */
class ContainerCsrfTest {
    @Test
    void aTokenHidesItsValueAndNeedsBothParts() {
        ContainerCsrf.Token token = new ContainerCsrf.Token("X-CSRF-TOKEN", "s3cr3t-value");
        assertThat(token.toString()).contains("X-CSRF-TOKEN").doesNotContain("s3cr3t-value");
        assertThatThrownBy(() -> new ContainerCsrf.Token(" ", "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ContainerCsrf.Token("X", "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theBuilderRefusesNoProtection() {
        try (Pat4j pat4j = Pat4j.builder().store(new InMemoryTokenStore()).scopes(AzureDevOpsScopes.catalog()).build()) {
            assertThatThrownBy(() -> Pat4jWeb.managementApi(pat4j).csrfByContainer(null))
                    .isInstanceOf(NullPointerException.class);
        }
    }
}
