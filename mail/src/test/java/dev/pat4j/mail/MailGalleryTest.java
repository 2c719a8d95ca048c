package dev.pat4j.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pat4j.Pat4j;
import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.NewToken;
import dev.pat4j.lifecycle.TokenInfo;
import dev.pat4j.lifecycle.TokenState;
import dev.pat4j.notice.Notice;
import dev.pat4j.notice.NoticeKind;
import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.testkit.Fixtures;
import dev.pat4j.testkit.MutableClock;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The mails shown in {@code mail/README.md} are the ones pat4j's templates render today: each
 * kind's subject, text and HTML for one fixed token are compared with the files under
 * {@code mail/docs/}, so a template change that is not reflected there fails here. Run with
 * {@code -Dpat4j.docs.write=true} to rewrite the files (then retake the screenshots as the
 * README says).
 */
class MailGalleryTest {
    private static final Path DOCS = Path.of("docs");
    private static final Instant CREATED = Instant.parse("2026-12-03T09:30:00Z");
    private static final URI PAGE = URI.create("https://git.acme.example/settings/tokens");

    static List<NoticeKind> kinds() {
        return List.of(NoticeKind.CREATED, NoticeKind.EXPIRING, NoticeKind.EXPIRED,
                NoticeKind.REVOKED_BY_ADMINISTRATOR, NoticeKind.LEAKED);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void theDocumentedMailIsTheRenderedOne(NoticeKind kind) throws IOException {
        MailContent mail = MailTemplates.defaults().render(facts(kind));
        String text = "Subject: " + mail.subject() + "\n\n" + mail.text();
        String html = mail.html();

        assertThat(text).doesNotContain("{{", "}}");
        assertThat(html).startsWith("<!DOCTYPE html>").contains("ci deploy", "Alice Example")
                .doesNotContain("{{", "<script");
        Path textFile = DOCS.resolve(kind.name() + ".txt");
        Path htmlFile = DOCS.resolve(kind.name() + ".html");
        if (Boolean.getBoolean("pat4j.docs.write")) {
            Files.createDirectories(DOCS);
            Files.writeString(textFile, text, StandardCharsets.UTF_8);
            Files.writeString(htmlFile, html, StandardCharsets.UTF_8);
        }
        assertThat(sameSpaces(Files.readString(textFile))).as("%s: rewrite with -Dpat4j.docs.write=true", textFile)
                .isEqualTo(sameSpaces(text));
        assertThat(sameSpaces(Files.readString(htmlFile))).as("%s: rewrite with -Dpat4j.docs.write=true", htmlFile)
                .isEqualTo(sameSpaces(html));
    }

    /**
     * The files hold Java 17's dates ("December 3, 2026 at 9:30:00 AM UTC"); newer JDKs' locale
     * data (CLDR 42 and later) write "December 3, 2026, 9:30:00\u202fAM UTC", so both are brought
     * to one form and the test means the same on any JDK.
     */
    private static String sameSpaces(String s) {
        return JDK_DATE_TIME.matcher(s.replace('\u202f', ' ').replace('\u00a0', ' ')).replaceAll("$1 at $2");
    }

    private static final Pattern JDK_DATE_TIME = Pattern.compile("(\\w+ \\d{1,2}, \\d{4}),? (?:at )?(\\d{1,2}:\\d{2})");

    /** The facts of one notice of {@code kind} about Alice's token "ci deploy", as the sender would pass them. */
    private static MailFacts facts(NoticeKind kind) {
        TokenInfo token = token(kind);
        Instant now = switch (kind.name()) {
            case "expiring" -> token.expiresAt().minus(Duration.ofDays(7));
            case "expired" -> token.expiresAt().plus(Duration.ofMinutes(5));
            case "revoked-by-administrator", "leaked" -> CREATED.plus(Duration.ofDays(12));
            default -> CREATED;
        };
        Notice notice = new Notice(token.id() + ":" + kind.name(), kind, token,
                kind.equals(NoticeKind.EXPIRING) ? Duration.ofDays(7) : null,
                switch (kind.name()) {
                    case "revoked-by-administrator" -> "bob";
                    case "leaked" -> "github-secret-scanning";
                    case "created" -> "bob";
                    default -> null;
                },
                kind.equals(NoticeKind.LEAKED) ? "https://github.com/acme/infra/blob/main/deploy.env" : null,
                now, 1);
        return new MailFacts(notice, Recipient.of("alice@example.com", "Alice Example"), Locale.US,
                ZoneId.of("UTC"), now, "Acme Git", PAGE);
    }

    /** A real token from pat4j, given a fixed id so the rendered mails do not change from run to run. */
    private static TokenInfo token(NoticeKind kind) {
        try (Pat4j pat4j = Fixtures.builder(new MutableClock(CREATED), new InMemoryTokenStore()).build()) {
            TokenInfo t = pat4j.tokens().create(NewToken.builder("alice", "ci deploy").organization("acme")
                    .lifespan(Duration.ofDays(30)).scopes("code:read", "build:read")
                    .createdVia("terraform: deploy pipeline").build(), Actor.administrator("bob")).info();
            boolean revoked = kind.equals(NoticeKind.REVOKED_BY_ADMINISTRATOR) || kind.equals(NoticeKind.LEAKED);
            Instant revokedAt = revoked ? CREATED.plus(Duration.ofDays(12)) : null;
            TokenState state = revoked ? TokenState.REVOKED
                    : kind.equals(NoticeKind.EXPIRED) ? TokenState.EXPIRED : TokenState.ACTIVE;
            return new TokenInfo("Xy7Qm2Lp9RtA", t.owner(), t.name(), t.organization(), t.scopes(), t.createdAt(),
                    t.createdBy(), t.createdVia(), t.expiresAt(), revokedAt,
                    revoked ? (kind.equals(NoticeKind.LEAKED) ? "github-secret-scanning" : "bob") : null,
                    CREATED.plus(Duration.ofDays(2)), state);
        }
    }
}
