package dev.pat4j.mail.internal;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import dev.pat4j.mail.MailContent;
import dev.pat4j.mail.MailFacts;
import dev.pat4j.mail.MailTemplates;
import dev.pat4j.notice.NoticeKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Mustache templates (JMustache), compiled once: HTML ones escape every value, text ones none;
 * a name a template uses that {@link MailValues} does not have fails the render. Immutable and
 * thread-safe (a compiled JMustache template is).
 */
public final class MustacheTemplates implements MailTemplates {
    /** Under META-INF, which the module system never encapsulates. */
    static final String BUILT_IN = "META-INF/pat4j-mail/templates/";
    static final List<String> BUILT_IN_KINDS = List.of(NoticeKind.CREATED.name(), NoticeKind.EXPIRING.name(),
            NoticeKind.EXPIRED.name(), NoticeKind.REVOKED_BY_ADMINISTRATOR.name(), NoticeKind.LEAKED.name());
    private static final MustacheTemplates DEFAULTS = new MustacheTemplates(load(
            MustacheTemplates.class.getClassLoader(), BUILT_IN, BUILT_IN_KINDS, Map.of()));

    /** Kind name → its three templates, those of kinds pat4j does not raise added when first asked for. */
    private final Map<String, Kind> kinds;
    private final @Nullable ClassLoader loader;
    private final String base;

    private record Kind(Template subject, Template text, Template html) {
    }

    private MustacheTemplates(Map<String, Kind> kinds) {
        this(kinds, null, "");
    }

    private MustacheTemplates(Map<String, Kind> kinds, @Nullable ClassLoader loader, String base) {
        this.kinds = new ConcurrentHashMap<>(kinds);
        this.loader = loader;
        this.base = base;
    }

    public static MustacheTemplates defaults() {
        return DEFAULTS;
    }

    public static MustacheTemplates fromResources(ClassLoader loader, String folder) {
        String base = folder.isEmpty() || folder.endsWith("/") ? folder : folder + "/";
        if (base.startsWith("/")) {
            base = base.substring(1);
        }
        return new MustacheTemplates(load(loader, base, BUILT_IN_KINDS, DEFAULTS.kinds), loader, base);
    }

    /** The templates of {@code names} in {@code base}, each file falling back to {@code fallback}'s. */
    private static Map<String, Kind> load(ClassLoader loader, String base, List<String> names,
                                          Map<String, Kind> fallback) {
        Map<String, Kind> out = new HashMap<>(fallback);
        for (String name : names) {
            Kind kind = kind(loader, base, name, fallback.get(name));
            if (kind != null) {
                out.put(name, kind);
            }
        }
        return out;
    }

    private static @Nullable Kind kind(ClassLoader loader, String base, String name, @Nullable Kind fallback) {
        Template subject = compile(loader, base + name + ".subject.mustache", compiler(loader, base, false));
        Template text = compile(loader, base + name + ".txt.mustache", compiler(loader, base, false));
        Template html = compile(loader, base + name + ".html.mustache", compiler(loader, base, true));
        if (fallback != null) {
            return new Kind(subject != null ? subject : fallback.subject(), text != null ? text : fallback.text(),
                    html != null ? html : fallback.html());
        }
        if (subject == null && text == null && html == null) {
            return null;
        }
        if (subject == null || text == null || html == null) {
            throw new IllegalArgumentException("templates of kind " + name + " in " + base
                    + " need all three files: .subject.mustache, .txt.mustache and .html.mustache");
        }
        return new Kind(subject, text, html);
    }

    /**
     * A compiler whose partials ({@code {{> name}}}) are {@code name.mustache} in {@code base},
     * else pat4j's own: the shipped templates share their table of facts that way.
     */
    private static Mustache.Compiler compiler(ClassLoader loader, String base, boolean html) {
        return Mustache.compiler().escapeHTML(html).nullValue("").emptyStringIsFalse(true).withLoader(partial -> {
            String file = partial + ".mustache";
            InputStream in = loader.getResourceAsStream(base + file);
            if (in == null) {
                in = MustacheTemplates.class.getClassLoader().getResourceAsStream(BUILT_IN + file);
            }
            if (in == null) {
                throw new IllegalArgumentException("no template partial " + partial + " in " + base);
            }
            return new java.io.InputStreamReader(in, StandardCharsets.UTF_8);
        });
    }

    private static @Nullable Template compile(ClassLoader loader, String path, Mustache.Compiler compiler) {
        try (InputStream in = loader.getResourceAsStream(path)) {
            if (in == null) {
                return null;
            }
            return compiler.compile(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + path, e);
        } catch (MustacheException e) {
            throw new IllegalArgumentException("template " + path + " is not valid Mustache: " + e.getMessage());
        }
    }

    private @Nullable Kind find(NoticeKind kind) {
        Kind found = kinds.get(kind.name());
        if (found == null && loader != null) {
            found = kind(loader, base, kind.name(), null);
            if (found != null) {
                kinds.putIfAbsent(kind.name(), found);
            }
        }
        return found;
    }

    @Override
    public boolean handles(NoticeKind kind) {
        return find(kind) != null;
    }

    @Override
    public MailContent render(MailFacts facts) {
        Kind kind = find(facts.notice().kind());
        if (kind == null) {
            throw new IllegalArgumentException("no mail template for notices of kind " + facts.notice().kind());
        }
        Map<String, @Nullable Object> values = MailValues.of(facts);
        return new MailContent(kind.subject().execute(values), kind.text().execute(values),
                kind.html().execute(values));
    }
}
