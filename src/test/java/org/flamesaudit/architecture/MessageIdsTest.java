package org.flamesaudit.architecture;

import org.flamesaudit.keyusage.KeyUsageLogger;
import org.flamesaudit.scoring.ScoringLogger;
import org.jboss.logging.BasicLogger;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application's log messages (typed message loggers, one {@code @MessageLogger} interface per top-level package,
 * implemented at compile time by jboss-logging-processor as {@code X_$logger}): every message has an id, no id is used
 * twice across the application, and each id is inside its interface's range ({@code FIRST_ID}-{@code LAST_ID}, also
 * its {@code @ValidIdRange}); the ranges do not overlap and the README lists each. The annotations are not kept at run
 * time, so the ids are read where the generated implementations keep them: {@code method$str()} returns the message
 * as logged, {@code FLAMES001234: text}.
 */
class MessageIdsTest {

    private static final Pattern ID = Pattern.compile("^FLAMES(\\d{6}): ");

    /** The message loggers the compiled main classes hold. */
    private static List<LoggerInterface> loggers;

    record LoggerInterface(Class<?> type, int first, int last, Map<String, String> messages) {
    }

    @BeforeAll
    static void readLoggers() throws Exception {
        loggers = new ArrayList<>();
        Path classes = mainClasses();
        List<Path> implementations;
        try (Stream<Path> files = Files.walk(classes.resolve("org/flamesaudit"))) {
            implementations = files.filter(f -> f.getFileName().toString().endsWith("_$logger.class")).sorted()
                    .toList();
        }
        for (Path file : implementations) {
            String name = classes.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
            Class<?> impl = Class.forName(name.substring(0, name.length() - ".class".length()));
            Class<?> type = Class.forName(impl.getName().substring(0, impl.getName().length() - "_$logger".length()));
            Object instance = impl.getConstructor(Logger.class).newInstance(new Capturing());
            Map<String, String> messages = new TreeMap<>();
            for (Method m : type.getDeclaredMethods()) {
                if (Modifier.isStatic(m.getModifiers()) || m.isDefault() || m.isSynthetic()) {
                    continue;
                }
                Method text = impl.getDeclaredMethod(m.getName() + "$str");
                text.setAccessible(true);
                messages.put(m.getName(), (String) text.invoke(instance));
            }
            loggers.add(new LoggerInterface(type, type.getField("FIRST_ID").getInt(null),
                    type.getField("LAST_ID").getInt(null), messages));
        }
    }

    @Test
    void everyMessageHasAnIdUsedOnceAndInsideItsInterfacesRange() throws IOException {
        assertThat(loggers).extracting(l -> l.type().getSimpleName())
                .contains("GenerationLogger", "ScoringLogger", "AuditLogger", "ApiLogger", "SupportLogger");
        assertThat(loggers).allSatisfy(l -> assertThat(l.messages()).as(l.type().getName()).isNotEmpty());
        assertThat(problems(loggers, Files.readString(Path.of("README.md"), StandardCharsets.UTF_8)))
                .as("message ids").isEmpty();
    }

    @Test
    void aDuplicateAnIdOutOfRangeAnOverlapAndAMissingRowAreEachReported() {
        Map<String, String> a = new TreeMap<>(Map.of("one", "FLAMES001000: x %s", "two", "FLAMES001100: y"));
        Map<String, String> b = new TreeMap<>(Map.of("three", "FLAMES001000: z", "four", "no id"));
        List<LoggerInterface> two = List.of(new LoggerInterface(Runnable.class, 1000, 1099, a),
                new LoggerInterface(Thread.class, 1050, 1149, b));
        String readme = "| `java.lang.Runnable` | FLAMES001000-FLAMES001099 |";
        assertThat(problems(two, readme)).containsExactlyInAnyOrder(
                "Runnable.two: id 1100 is outside 1000-1099",
                "Thread.three: id 1000 is outside 1050-1149",
                "Thread.four has no id: \"no id\"",
                "id 1000 is used by [Runnable.one, Thread.three]",
                "Runnable and Thread share ids",
                "Thread and Runnable share ids",
                "the README's \"Log messages\" table has no row | `java.lang.Thread` | FLAMES001050-FLAMES001149 |");
    }

    /**
     * What is wrong with these loggers' ids: a message without one, one outside its interface's range, one used
     * twice, ranges that overlap, a range the README's table does not list.
     */
    static List<String> problems(List<LoggerInterface> loggers, String readme) {
        Map<Integer, List<String>> users = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (LoggerInterface l : loggers) {
            l.messages().forEach((method, text) -> {
                String where = l.type().getSimpleName() + "." + method;
                Matcher m = ID.matcher(text);
                if (!m.find()) {
                    problems.add(where + " has no id: \"" + text + "\"");
                    return;
                }
                int id = Integer.parseInt(m.group(1));
                users.computeIfAbsent(id, k -> new ArrayList<>()).add(where);
                if (id < l.first() || id > l.last()) {
                    problems.add(where + ": id " + id + " is outside " + l.first() + "-" + l.last());
                }
            });
            for (LoggerInterface other : loggers) {
                if (other != l && l.first() <= other.last() && other.first() <= l.last()) {
                    problems.add(l.type().getSimpleName() + " and " + other.type().getSimpleName() + " share ids");
                }
            }
            String name = l.type().getName();
            String row = "| `" + (name.startsWith("org.flamesaudit.") ? name.substring("org.flamesaudit.".length())
                    : name) + "` | " + String.format("FLAMES%06d-FLAMES%06d", l.first(), l.last()) + " |";
            if (!readme.contains(row)) {
                problems.add("the README's \"Log messages\" table has no row " + row);
            }
        }
        users.forEach((id, where) -> {
            if (where.size() > 1) {
                problems.add("id " + id + " is used by " + where.stream().sorted().toList());
            }
        });
        return problems;
    }

    /** Every logger interface has its implementation: one without {@code @MessageLogger} would fail at start-up. */
    @Test
    void everyLoggerInterfaceIsImplemented() throws Exception {
        Path classes = mainClasses();
        List<String> interfaces = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes.resolve("org/flamesaudit"))) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".class")).toList()) {
                String name = classes.relativize(f).toString().replace(f.getFileSystem().getSeparator(), ".");
                name = name.substring(0, name.length() - ".class".length());
                if (name.endsWith("Logger")) {
                    Class<?> c = Class.forName(name, false, MessageIdsTest.class.getClassLoader());
                    if (c.isInterface() && BasicLogger.class.isAssignableFrom(c)) {
                        interfaces.add(c.getName());
                    }
                }
            }
        }
        assertThat(loggers).extracting(l -> l.type().getName()).containsExactlyInAnyOrderElementsOf(interfaces);
    }

    /** The application logs only through the typed loggers (which give every message its id). */
    @Test
    void noMainClassUsesJavaUtilLogging() throws Exception {
        Path classes = mainClasses();
        byte[] jul = "java/util/logging".getBytes(StandardCharsets.US_ASCII);
        List<String> users = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes.resolve("org/flamesaudit"))) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".class")).toList()) {
                if (indexOf(Files.readAllBytes(f), jul) >= 0) {
                    users.add(classes.relativize(f).toString());
                }
            }
        }
        assertThat(users).as("classes that reference java.util.logging").isEmpty();
    }

    /**
     * The texts the integration tests look for in server.log are formatted as before, behind the id (printf with
     * {@code %s}: each parameter as its {@code toString()}, as the string concatenation of the old messages did).
     */
    @Test
    void theMessagesAreFormattedAsBeforeBehindTheirId() {
        Capturing log = new Capturing();
        KeyUsageLogger keyUsage = new org.flamesaudit.keyusage.KeyUsageLogger_$logger(log);
        String refusal = "schedule 7: target.baseUrl: http://127.0.0.1:1/v1 is not an endpoint registered for "
                + "environment variable FLAMES_KEY_X - fix";
        keyUsage.refused(refusal);
        ScoringLogger scoring = new org.flamesaudit.scoring.ScoringLogger_$logger(log);
        scoring.embeddedScorerReady("bge-small-zh-v1.5", "ab12", "cd34", "OnnxRuntime", "cpu()");
        scoring.headsTrained(3L, 120, 45L, null);
        assertThat(log.lines).containsExactly(
                "WARN FLAMES002001: refused by the API-key endpoint rules: " + refusal,
                "INFO FLAMES001100: embedded scorer ready: bge-small-zh-v1.5 sha256 ab12, heads sha256 cd34, "
                        + "OnnxRuntime on cpu()",
                "INFO FLAMES001103: trained heads 3 on 120 rows in 45 ms: null");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The compiled main classes (target/classes): where the migrations were copied. */
    private static Path mainClasses() throws URISyntaxException {
        return Path.of(MessageIdsTest.class.getClassLoader().getResource("db/migration").toURI())
                .getParent().getParent();
    }

    /** A jboss-logging logger that keeps each message as the log manager would write it (printf-formatted). */
    static final class Capturing extends Logger {

        final List<String> lines = new ArrayList<>();

        Capturing() {
            super("flames.test");
        }

        @Override
        protected void doLog(Level level, String loggerClassName, Object message, Object[] parameters,
                             Throwable thrown) {
            lines.add(level + " " + message);
        }

        @Override
        protected void doLogf(Level level, String loggerClassName, String format, Object[] parameters,
                              Throwable thrown) {
            lines.add(level + " " + (parameters == null ? format : String.format(format, parameters)));
        }

        @Override
        public boolean isEnabled(Level level) {
            return true;
        }
    }
}
