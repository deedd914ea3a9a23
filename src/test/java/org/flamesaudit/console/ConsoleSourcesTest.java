package org.flamesaudit.console;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Static checks of the console's scripts: every text exists in both languages, every text the code asks for exists, and no
 * script has a way to turn data into markup or code (the browser test proves the rendering; this keeps the door shut).
 */
class ConsoleSourcesTest {

    private static final Path DIR = Path.of("src/main/webapp/assets");

    @Test
    void everyTextHasChineseAndEnglishAndEveryUsedTextExists() throws IOException {
        String i18n = Files.readString(DIR.resolve("i18n.js"), StandardCharsets.UTF_8);
        String table = i18n.substring(i18n.indexOf("const TEXT = {"), i18n.indexOf("\n};"));
        Set<String> keys = new TreeSet<>();
        Matcher entry = Pattern.compile("(?m)^\\s*'([^']+)': \\[(.*)],$").matcher(table);
        Pattern pair = Pattern.compile("'((?:[^'\\\\]|\\\\.)+)', '((?:[^'\\\\]|\\\\.)+)'");
        while (entry.find()) {
            Matcher texts = pair.matcher(entry.group(2));
            assertThat(texts.matches()).as(entry.group(1) + ": a Chinese and an English text").isTrue();
            if (!entry.group(1).equals("lang.switch")) { // the switch names the other language
                assertThat(texts.group(1)).as(entry.group(1) + " in Chinese").matches("(?s).*[\\u4e00-\\u9fff].*");
                assertThat(texts.group(2)).as(entry.group(1) + " in English").doesNotMatch("(?s).*[\\u4e00-\\u9fff].*");
            }
            assertThat(keys.add(entry.group(1))).as("defined twice: " + entry.group(1)).isTrue();
        }
        assertThat(keys).hasSizeGreaterThan(150);
        assertThat(table.lines().filter(l -> l.startsWith("    '")).count()).isEqualTo(keys.size());

        Pattern use = Pattern.compile("\\bt\\('([A-Za-z0-9.\\-]+)'\\s*[,)]");
        Set<String> used = new TreeSet<>();
        for (Map.Entry<String, String> f : scripts().entrySet()) {
            Matcher m = use.matcher(f.getValue());
            while (m.find()) {
                used.add(m.group(1));
            }
        }
        assertThat(used).hasSizeGreaterThan(100);
        // a key is the console's own text (TEXT) or a glossary term (TERMS: key -> glossary key, one place for terms)
        int start = i18n.indexOf("const TERMS = {");
        String terms = i18n.substring(start, i18n.indexOf("\n};", start));
        Map<String, String> glossaryKeys = new java.util.TreeMap<>();
        Matcher term = Pattern.compile("(?m)^\\s*'([^']+)': '([^']+)',$").matcher(terms);
        while (term.find()) {
            assertThat(keys).as("both a text and a glossary term: " + term.group(1)).doesNotContain(term.group(1));
            glossaryKeys.put(term.group(1), term.group(2));
        }
        assertThat(glossaryKeys).containsEntry("metric.rate", "harmlessRate").hasSizeGreaterThan(15);
        assertThat(glossaryKeys.values()).allSatisfy(k -> assertThat(org.flamesaudit.glossary.Glossary.term(k)).isNotNull());
        Set<String> known = new TreeSet<>(keys);
        known.addAll(glossaryKeys.keySet());
        assertThat(known).containsAll(used);
    }

    @Test
    void noScriptParsesTextAsMarkupOrCode() throws IOException {
        Pattern sinks = Pattern.compile("innerHTML|outerHTML|insertAdjacentHTML|document\\.write|\\beval\\(|"
                + "new Function\\(|setTimeout\\('|createContextualFragment|DOMParser");
        for (Map.Entry<String, String> f : scripts().entrySet()) {
            assertThat(sinks.matcher(f.getValue()).find()).as(f.getKey()).isFalse();
        }
        String index = Files.readString(Path.of("src/main/webapp/index.html"), StandardCharsets.UTF_8);
        // no inline script: the Content-Security-Policy (script-src 'self') would refuse it anyway
        assertThat(Pattern.compile("<script>|<script(?![^>]*\\bsrc=)[^>]*>").matcher(index).find()).isFalse();
    }

    private static Map<String, String> scripts() throws IOException {
        Map<String, String> all = new TreeMap<>();
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".js")).toList()) {
                all.put(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        assertThat(all).containsKeys("app.js", "dom.js", "api.js", "i18n.js", "runs.js", "items.js");
        return all;
    }
}
