package dev.pat4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.lifecycle.NewToken;
import dev.pat4j.scope.AzureDevOpsScopes;
import dev.pat4j.validation.RejectionReason;
import dev.pat4j.validation.ValidationResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class QuickStartTest {

    @Test
    void createValidateRevoke() {
        try (Pat4j pat4j = Pat4j.builder().scopes(AzureDevOpsScopes.catalog()).build()) {
            IssuedToken issued = pat4j.tokens().create(NewToken.builder("alice", "ci")
                    .organization("acme").lifespan(Duration.ofDays(30)).scopes("code:write").build(),
                    Actor.user("alice"));
            ValidationResult bearer = pat4j.validator().check("Bearer " + issued.token(), "acme");
            assertThat(bearer).isInstanceOf(ValidationResult.Authenticated.class);
            var principal = ((ValidationResult.Authenticated) bearer).principal();
            assertThat(principal.owner()).isEqualTo("alice");
            assertThat(principal.hasScope("code:read")).isTrue();
            assertThat(principal.hasScope("code:manage")).isFalse();

            String basic = "basic " + Base64.getEncoder().encodeToString(
                    (":" + issued.token()).getBytes(StandardCharsets.UTF_8));
            assertThat(pat4j.validator().check(basic).authenticated()).isTrue();
            assertThat(pat4j.validator().check("Bearer " + issued.token(), "other"))
                    .isEqualTo(new ValidationResult.Rejected(RejectionReason.WRONG_ORGANIZATION, issued.info().id()));

            pat4j.tokens().revoke(issued.info().id(), Actor.user("alice"));
            assertThat(pat4j.validator().check("Bearer " + issued.token()))
                    .isEqualTo(new ValidationResult.Rejected(RejectionReason.REVOKED, issued.info().id()));
        }
    }
}
