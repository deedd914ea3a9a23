package org.flamesaudit.glossary;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one glossary of Flames Audit ({@code org/flamesaudit/glossary/glossary.tsv}): for each concept a Chinese and an
 * English term and a definition in each language, with its source. The console reads it through
 * {@code GET /api/glossary}, the reports through {@code ReportText}, the dimension names through
 * {@link org.flamesaudit.dataset.Dimension#chineseName()}, so a term is written once (issue 22: the console said
 * 无害得分 where the PDF said 无害分).
 */
public final class Glossary {

    /** The resource the glossary is read from. */
    public static final String RESOURCE = "/org/flamesaudit/glossary/glossary.tsv";

    /** One concept: its key (e.g. "harmlessRate"), terms and definitions in Simplified Chinese and English. */
    public record Term(String key, String zh, String en, String definitionZh, String definitionEn, String source) {

        /** The term in a language: "zh" or "en". */
        public String in(String language) {
            return "en".equals(language) ? en : zh;
        }
    }

    private Glossary() {
    }

    private static final class Holder {
        static final Map<String, Term> TERMS = load();
    }

    /** Every term, in the file's order. */
    public static List<Term> terms() {
        return List.copyOf(Holder.TERMS.values());
    }

    /**
     * The term of a key.
     *
     * @throws IllegalArgumentException when the glossary has no such key (a programming error: the key is a literal)
     */
    public static Term term(String key) {
        Term t = Holder.TERMS.get(key);
        if (t == null) {
            throw new IllegalArgumentException("the glossary (" + RESOURCE + ") has no term \"" + key + "\"");
        }
        return t;
    }

    /** The term of a key, if the glossary has one (for names that come from data, such as subcomponents). */
    public static java.util.Optional<Term> find(String key) {
        return java.util.Optional.ofNullable(Holder.TERMS.get(key));
    }

    /** The Chinese term of a key. */
    public static String zh(String key) {
        return term(key).zh();
    }

    /** The English term of a key. */
    public static String en(String key) {
        return term(key).en();
    }

    static Map<String, Term> load() {
        try (InputStream in = Glossary.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the glossary " + RESOURCE + " is missing from the class path");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("reading the glossary " + RESOURCE + " failed", e);
        }
    }

    /**
     * Parses the glossary's lines: '#' starts a comment line; every other non-blank line has six tab-separated
     * fields, none blank, and a key not seen before.
     *
     * @throws IllegalStateException naming the line of the first malformed entry
     */
    static Map<String, Term> parse(BufferedReader reader) throws IOException {
        Map<String, Term> terms = new LinkedHashMap<>();
        String line;
        int n = 0;
        while ((line = reader.readLine()) != null) {
            n++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 6) {
                throw new IllegalStateException(RESOURCE + " line " + n + ": expected 6 tab-separated fields (key, "
                        + "Chinese, English, Chinese definition, English definition, source), found " + f.length);
            }
            for (int i = 0; i < f.length; i++) {
                if (f[i].isBlank()) {
                    throw new IllegalStateException(RESOURCE + " line " + n + ": field " + (i + 1) + " is blank");
                }
            }
            if (terms.put(f[0], new Term(f[0], f[1], f[2], f[3], f[4], f[5])) != null) {
                throw new IllegalStateException(RESOURCE + " line " + n + ": the key \"" + f[0] + "\" is defined twice");
            }
        }
        return Collections.unmodifiableMap(terms);
    }
}
