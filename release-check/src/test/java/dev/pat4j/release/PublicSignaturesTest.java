package dev.pat4j.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReader;
import java.lang.module.ModuleReference;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No public or protected signature of an exported type names a type of an {@code internal}
 * package: a user could not write that type down, and pat4j could not change it freely.
 * Checked over every class file of every library module.
 */
class PublicSignaturesTest {
    private static final Set<String> MODULES = Set.of(
            "dev.pat4j.core", "dev.pat4j.jdbc", "dev.pat4j.servlet", "dev.pat4j.jaxrs", "dev.pat4j.web", "dev.pat4j.testkit",
            "dev.pat4j.micrometer", "dev.pat4j.mail", "dev.pat4j.webhooks");

    @Test
    void noExportedSignatureNamesAnInternalType() throws Exception {
        Set<String> leaks = new TreeSet<>();
        int checked = 0;
        for (Class<?> type : exportedTypes()) {
            checked++;
            for (String leak : leaksOf(type)) {
                leaks.add(type.getName() + ": " + leak);
            }
        }
        assertThat(checked).as("exported types checked").isGreaterThan(40);
        assertThat(leaks).isEmpty();
    }

    /**
     * The entry points build on their internals, never the other way round: an internal class
     * that refers back to its module's facade makes a cycle that neither side can change alone.
     */
    @Test
    void noInternalClassRefersToItsModulesEntryPoint() throws Exception {
        Map<String, String> entryPoints = Map.of(
                "dev.pat4j.core", "dev/pat4j/Pat4j",
                "dev.pat4j.jdbc", "dev/pat4j/store/jdbc/JdbcTokenStore",
                "dev.pat4j.servlet", "dev/pat4j/servlet/Pat4jFilter",
                "dev.pat4j.jaxrs", "dev/pat4j/jaxrs/Pat4jFeature",
                "dev.pat4j.web", "dev/pat4j/web/Pat4jWeb");
        Set<String> cycles = new TreeSet<>();
        int internals = 0;
        Path[] path = ModulePathEntries.modulePath().toArray(Path[]::new);
        for (ModuleReference ref : ModuleFinder.of(path).findAll()) {
            String entry = entryPoints.get(ref.descriptor().name());
            if (entry == null) {
                continue;
            }
            try (ModuleReader reader = ref.open(); Stream<String> names = reader.list()) {
                for (String name : (Iterable<String>) names::iterator) {
                    if (name.contains("/internal/") && name.endsWith(".class")) {
                        internals++;
                        byte[] bytes;
                        try (var in = reader.open(name).orElseThrow()) {
                            bytes = in.readAllBytes();
                        }
                        // class references and descriptors name the facade as dev/pat4j/.../Name, then ';', '$' or the end of the constant
                        String constants = new String(bytes, StandardCharsets.ISO_8859_1);
                        if (Pattern.compile(Pattern.quote(entry) + "[;$\\x01-\\x1f]|" + Pattern.quote(entry) + "$")
                                .matcher(constants).find()) {
                            cycles.add(name + " -> " + entry);
                        }
                    }
                }
            }
        }
        assertThat(internals).isGreaterThan(20);
        assertThat(cycles).isEmpty();
    }

    private static List<Class<?>> exportedTypes() throws IOException, ClassNotFoundException {
        List<Class<?>> out = new ArrayList<>();
        Path[] path = ModulePathEntries.modulePath().toArray(Path[]::new);
        for (ModuleReference ref : ModuleFinder.of(path).findAll()) {
            if (!MODULES.contains(ref.descriptor().name())) {
                continue;
            }
            Set<String> exported = new TreeSet<>();
            ref.descriptor().exports().stream().filter(e -> !e.isQualified()).forEach(e -> exported.add(e.source()));
            try (ModuleReader reader = ref.open(); Stream<String> entries = reader.list()) {
                for (String entry : (Iterable<String>) entries::iterator) {
                    if (!entry.endsWith(".class") || entry.endsWith("module-info.class") || entry.startsWith("META-INF")) {
                        continue;
                    }
                    String name = entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
                    String pkg = name.substring(0, name.lastIndexOf('.'));
                    if (exported.contains(pkg)) {
                        Class<?> type = Class.forName(name, false, PublicSignaturesTest.class.getClassLoader());
                        if (isVisible(type)) {
                            out.add(type);
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Public, or protected, all the way out: what code outside the module can name. */
    private static boolean isVisible(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getDeclaringClass()) {
            int m = c.getModifiers();
            if (c.isAnonymousClass() || c.isLocalClass() || !(Modifier.isPublic(m) || Modifier.isProtected(m))) {
                return false;
            }
        }
        return true;
    }

    private static List<String> leaksOf(Class<?> type) {
        List<String> leaks = new ArrayList<>();
        check("extends", type.getGenericSuperclass(), leaks);
        for (Type t : type.getGenericInterfaces()) {
            check("implements", t, leaks);
        }
        if (type.isRecord()) {
            for (RecordComponent c : type.getRecordComponents()) {
                check("component " + c.getName(), c.getGenericType(), leaks);
            }
        }
        for (Field f : type.getDeclaredFields()) {
            if (visible(f.getModifiers())) {
                check("field " + f.getName(), f.getGenericType(), leaks);
            }
        }
        for (Constructor<?> c : type.getDeclaredConstructors()) {
            checkExecutable(c, "constructor", leaks);
        }
        for (Method m : type.getDeclaredMethods()) {
            if (!m.isSynthetic() && !m.isBridge()) {
                checkExecutable(m, "method " + m.getName(), leaks);
                if (visible(m.getModifiers())) {
                    check("method " + m.getName() + " returns", m.getGenericReturnType(), leaks);
                }
            }
        }
        return leaks;
    }

    private static void checkExecutable(Executable e, String what, List<String> leaks) {
        if (!visible(e.getModifiers()) || e.isSynthetic()) {
            return;
        }
        for (Type p : e.getGenericParameterTypes()) {
            check(what + " parameter", p, leaks);
        }
        for (Type x : e.getGenericExceptionTypes()) {
            check(what + " throws", x, leaks);
        }
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static void check(String where, Type type, List<String> leaks) {
        if (type == null) {
            return;
        }
        if (type instanceof Class<?> c) {
            while (c.isArray()) {
                c = c.getComponentType();
            }
            if (c.getPackageName().contains(".internal")) {
                leaks.add(where + " names " + c.getName());
            }
        } else if (type instanceof ParameterizedType p) {
            check(where, p.getRawType(), leaks);
            for (Type a : p.getActualTypeArguments()) {
                check(where, a, leaks);
            }
        } else if (type instanceof GenericArrayType g) {
            check(where, g.getGenericComponentType(), leaks);
        } else if (type instanceof WildcardType w) {
            for (Type b : w.getUpperBounds()) {
                check(where, b, leaks);
            }
            for (Type b : w.getLowerBounds()) {
                check(where, b, leaks);
            }
        } else if (type instanceof TypeVariable<?> v) {
            for (Type b : v.getBounds()) {
                if (b != type) {
                    check(where, b, leaks);
                }
            }
        }
    }
}
