package dev.pat4j.webhooks.internal;

import dev.pat4j.lifecycle.TokenInfo;
import dev.pat4j.notice.Notice;
import dev.pat4j.notice.OutboxNotice;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A notice as the webhook's JSON body, in the envelope Standard Webhooks suggests
 * ({@code type}, {@code timestamp}, {@code data}). Every field is always there ({@code null} when
 * unknown), so receivers see one schema; nothing in it is secret. Thread-safe (a Jackson mapper is).
 */
public final class NoticeJson {
    private final JsonMapper mapper = JsonMapper.builder().build();

    /** The body of {@code notice}, sent at {@code now}. */
    public byte[] body(Notice notice, Instant now) {
        ObjectNode root = mapper.createObjectNode();
        root.put("type", "pat4j.notice." + notice.kind().name());
        root.put("timestamp", now.toString());
        ObjectNode data = root.putObject("data");
        data.put("key", notice.key());
        data.put("kind", notice.kind().name());
        data.put("raisedAt", notice.raisedAt().toString());
        if (notice.threshold() == null) {
            data.putNull("threshold");
            data.putNull("thresholdSeconds");
        } else {
            data.put("threshold", OutboxNotice.thresholdText(notice.threshold()));
            data.put("thresholdSeconds", notice.threshold().toSeconds());
        }
        data.put("actor", notice.actor());
        data.put("detail", notice.detail());
        TokenInfo t = notice.token();
        ObjectNode token = data.putObject("token");
        token.put("id", t.id());
        token.put("owner", t.owner());
        token.put("name", t.name());
        token.put("organization", t.organization());
        ArrayNode scopes = token.putArray("scopes");
        t.scopes().minimal().forEach(scopes::add);
        token.put("createdAt", t.createdAt().toString());
        token.put("createdBy", t.createdBy());
        token.put("createdVia", t.createdVia());
        token.put("expiresAt", t.expiresAt().toString());
        token.put("revokedAt", text(t.revokedAt()));
        token.put("revokedBy", t.revokedBy());
        token.put("lastUsedAt", text(t.lastUsedAt()));
        token.put("state", t.state().name().toLowerCase(java.util.Locale.ROOT));
        return mapper.writeValueAsBytes(root);
    }

    private static @Nullable String text(@Nullable Instant at) {
        return at == null ? null : at.toString();
    }
}
