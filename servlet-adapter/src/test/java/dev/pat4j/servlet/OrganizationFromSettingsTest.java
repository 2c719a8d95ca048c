package dev.pat4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pat4j.Pat4j;
import dev.pat4j.http.Decision;
import dev.pat4j.http.RequestView;
import dev.pat4j.settings.Pat4jSettings;
import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.testkit.Fixtures;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The configuration file's {@code pat4j.organizations.source} decides where the filter reads the organization. */
class OrganizationFromSettingsTest {

    @Test
    void theFilterReadsTheOrganizationWhereTheSettingsSay() throws Exception {
        Properties file = new Properties();
        file.load(new StringReader("pat4j.scopes.preset = azure-devops\npat4j.organizations.source = header:X-Org\n"));
        Pat4jSettings settings = Pat4jSettings.fromProperties(file, Map.of());
        try (Pat4j pat4j = Pat4j.fromSettings(settings, new InMemoryTokenStore())) {
            String token = Fixtures.create(pat4j, "alice", "acme", Duration.ofDays(1), "code:read").token();
            Pat4jFilter filter = Pat4jFilter.builder(pat4j).organizationFrom(settings.organizations()).build();

            assertThat(filter.gate().decide(request(token, "acme"))).isInstanceOf(Decision.Proceed.class);
            assertThat(filter.gate().decide(request(token, "globex")))
                    .isInstanceOfSatisfying(Decision.Refuse.class, r -> assertThat(r.status()).isEqualTo(401));
            assertThat(filter.gate().decide(request(token, null)))
                    .as("a bound token on a request naming no organization")
                    .isInstanceOfSatisfying(Decision.Refuse.class, r -> assertThat(r.status()).isEqualTo(401));
        }
    }

    private static RequestView request(String token, @Nullable String organization) {
        return new RequestView() {
            @Override
            public String method() {
                return "GET";
            }

            @Override
            public String rawPath() {
                return "/api/repos";
            }

            @Override
            public String path() {
                return "/api/repos";
            }

            @Override
            public List<String> headers(String name) {
                if (name.equalsIgnoreCase("Authorization")) {
                    return List.of("Bearer " + token);
                }
                if (name.equalsIgnoreCase("X-Org") && organization != null) {
                    return List.of(organization);
                }
                return List.of();
            }

            @Override
            public @Nullable String remoteAddress() {
                return "127.0.0.1";
            }
        };
    }
}
