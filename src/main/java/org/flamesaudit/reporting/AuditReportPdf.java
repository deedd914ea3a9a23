package org.flamesaudit.reporting;

import org.flamesaudit.scoring.ScorerCard;

import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JasperFillManager;
import net.sf.jasperreports.engine.JasperPrint;
import net.sf.jasperreports.engine.data.JRMapCollectionDataSource;
import org.flamesaudit.dataset.Dimension;
import org.flamesaudit.metrics.DimensionStats;
import org.flamesaudit.metrics.FlamesMetrics;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the PDF audit report of one run from {@code reports/audit-report.jrxml} in one language
 * ({@link ReportLanguage}: Simplified Chinese by default, English on request): cover with the preparation and approval
 * block, contents with page numbers, executive summary with the chart, one section per dimension (distribution,
 * subcomponents, lowest-scored answers in full), method, provenance and glossary. Every text comes from the report
 * bundle ({@link ReportText}) with the glossary's terms; numbers are formatted by {@link ReportFormat}; the run's own
 * text (prompts, answers, rationales, names) is printed as stored, through {@link Glyphs}.
 */
public final class AuditReportPdf {

    private AuditReportPdf() {
    }

    /** Renders the report in the configured language ({@code FLAMES_REPORT_LANGUAGE}). */
    public static void render(AuditReportData data, OutputStream out) {
        render(data, ReportLanguage.configured(), out);
    }

    public static void render(AuditReportData data, ReportLanguage language, OutputStream out) {
        JasperPrint print = fill(data, language);
        ReportText t = ReportText.of(language);
        PdfExport.write(print, t.get("cover.title") + " " + data.header().reportId(),
                data.header().targetLabel(), out);
    }

    /**
     * Fills the report twice: the first fill places the sections, whose anchors give the contents' page numbers for
     * the second (the contents have a fixed number of rows, so the second fill lays out the same pages).
     */
    static JasperPrint fill(AuditReportData original, ReportLanguage language) {
        ReportText t = ReportText.of(language);
        // text from the run reaches the PDF only through Glyphs: a character no report font has is marked, not lost
        long unprintable = original.worstExamples().values().stream().flatMap(List::stream)
                .mapToLong(ReportItem::unprintable).sum();
        Map<Dimension, List<ReportItem>> printable = new java.util.EnumMap<>(Dimension.class);
        original.worstExamples().forEach((d, items) -> printable.put(d, items.stream().map(ReportItem::printable)
                .toList()));
        AuditReportData data = new AuditReportData(original.header(), original.card(), original.metrics(), printable,
                original.totals(), original.blind());
        Map<String, Object> params = parameters(data, t);
        if (unprintable > 0) {
            params.put("SUMMARY_NOTE", params.get("SUMMARY_NOTE") + "\n" + unprintableNote(unprintable, t));
        }
        List<Map<String, ?>> sections = new ArrayList<>();
        for (Dimension d : Dimension.values()) {
            sections.add(section(d, data, t));
        }
        JasperPrint first = fillOnce(params, sections, contents(null, t));
        return fillOnce(params, sections, contents(first.getAnchorIndexes(), t));
    }

    private static JasperPrint fillOnce(Map<String, Object> params, List<Map<String, ?>> sections,
                                        List<Map<String, ?>> contents) {
        Map<String, Object> p = new HashMap<>(params);
        p.put("CONTENTS_ROWS", contents);
        try {
            return JasperFillManager.fillReport(ReportTemplates.get(ReportTemplates.AUDIT), p,
                    new JRMapCollectionDataSource(sections));
        } catch (JRException e) {
            throw new IllegalStateException("filling the audit report failed: " + e.getMessage(), e);
        }
    }

    /** The contents: each section's heading and page ("…" before the first fill has placed them). */
    private static List<Map<String, ?>> contents(Map<String, net.sf.jasperreports.engine.JRPrintAnchorIndex> anchors,
                                                 ReportText t) {
        List<Map<String, ?>> rows = new ArrayList<>();
        java.util.function.Function<String, String> page = a -> anchors == null || !anchors.containsKey(a) ? "…"
                : Integer.toString(anchors.get(a).getPageIndex() + 1);
        for (String heading : List.of(t.get("heading.summary"), dimensionName(Dimension.FAIRNESS, t),
                dimensionName(Dimension.SAFETY, t), dimensionName(Dimension.MORALITY, t),
                dimensionName(Dimension.LEGALITY, t), dimensionName(Dimension.DATA_PROTECTION, t),
                t.get("heading.method"), t.get("heading.glossary"))) {
            kv(rows, heading, page.apply(heading)); // anchors are named by their heading (the outline shows them)
        }
        return rows;
    }

    /** The note that says how many characters of the run's text were printed as the replacement mark. */
    static String unprintableNote(long n, ReportText t) {
        return t.get("summary.unprintable", n, Glyphs.MARK);
    }

    /**
     * A subcomponent's name in the report's language: the Chinese report puts the glossary's Chinese name before the
     * data file's English one ("偏见与歧视 Bias and discrimination"); a name the glossary lacks is printed as stored.
     */
    static String subcomponentName(String name, ReportText t) {
        if (name == null || t.language() != ReportLanguage.ZH) {
            return name;
        }
        return org.flamesaudit.glossary.Glossary.find("subcomponent." + name).map(g -> g.zh() + " " + name)
                .orElse(name);
    }

    /** The scorer as the cover names it: the glossary's name of its type in the report's language, else its card's. */
    static String scorerLabel(ScorerCard card, String key, ReportText t) {
        String type = scorerType(key);
        return type.equals("other") ? card.name() : t.term("scorer." + type);
    }

    /** A dimension's name in the report's language; the Chinese report adds the exact Flames string. */
    static String dimensionName(Dimension d, ReportText t) {
        String term = t.term(d.glossaryKey());
        return t.language() == ReportLanguage.ZH ? term + " " + d.label() : term;
    }

    static Map<String, Object> parameters(AuditReportData data, ReportText t) {
        ReportHeader h = data.header();
        FlamesMetrics.Result m = data.metrics();
        Map<String, Object> p = new HashMap<>();
        p.put(net.sf.jasperreports.engine.JRParameter.REPORT_RESOURCE_BUNDLE, t);
        p.put(net.sf.jasperreports.engine.JRParameter.REPORT_LOCALE, t.language().locale());
        p.put("REPORT_ID", h.reportId());
        p.put("GENERATED_AT", ReportFormat.time(h.generatedAt()));
        p.put("RUNNING_HEAD", t.get("running.head", h.targetLabel(), h.runId(), h.datasetName(),
                h.datasetVersion()));
        p.put("COVER_ROWS", cover(data, t));
        p.put("APPROVAL_ROWS", approval(h, t));
        p.put("APPROVAL_NOTE", approvalNote(h.signOff(), t));
        p.put("SUMMARY_ROWS", summaryRows(m, t));
        p.put("APPENDIX_ROWS", appendix(data, t));
        p.put("CONFIG_ROWS", configuration(h.configuration()));
        p.put("GLOSSARY_ROWS", glossary(t));
        p.put("OVERALL_TEXT", overall(data, t) + corrected(data.blind(), t));
        String note = t.get("summary.note", m.dimensions().size(), ReportFormat.count(m.unscorable()),
                ReportFormat.count(m.failed()), ReportFormat.count(m.pending()), reviewCounts(m, t));
        if (m.beforeReview() != null) {
            note += " " + t.get("summary.noteBeforeReview", ReportFormat.percent(m.beforeReview()
                    .overallHarmlessRate()), ReportFormat.percent(m.overallHarmlessRate()));
        }
        if (m.policy() != null) {
            note += "\n" + t.get("summary.policy", t.get("policy." + m.policy().name()));
        }
        p.put("SUMMARY_NOTE", note);
        p.put("CHART", chart(m, t));
        p.put("METHOD_TEXT", t.get("method.text"));
        p.put("SCORER_TEXT", scorer(data.card(), h, t));
        p.put("KV_REPORT", ReportTemplates.get(ReportTemplates.KEY_VALUE));
        p.put("TABLE_REPORT", ReportTemplates.get(ReportTemplates.DIMENSION_TABLE));
        p.put("EXAMPLES_REPORT", ReportTemplates.get(ReportTemplates.EXAMPLES));
        p.put("APPROVAL_REPORT", ReportTemplates.get(ReportTemplates.APPROVAL));
        return p;
    }

    /** "3 (2 changed · 1 confirmed)": reviews that gave another score and reviews that kept the scorer's. */
    static String reviewCounts(FlamesMetrics.Result m, ReportText t) {
        return m.reviewed() == 0 ? ReportFormat.count(0) : t.get("review.counts", ReportFormat.count(m.reviewed()),
                ReportFormat.count(m.reviewChanged()), ReportFormat.count(m.reviewConfirmed()));
    }

    /** The overall rate corrected for the scorer's errors, beside (never instead of) the raw rate above. */
    private static String corrected(org.flamesaudit.review.BlindReviews.Results blind, ReportText t) {
        if (blind == null || blind.correction() == null || blind.correction().overall() == null) {
            return "";
        }
        return "\n" + t.get("summary.corrected", blind.status().reviewed(),
                ReportFormat.correctedRate(blind.correction().overall()));
    }

    private static String overall(AuditReportData data, ReportText t) {
        FlamesMetrics.Result m = data.metrics();
        if (m.dimensions().isEmpty()) {
            return t.get("summary.none");
        }
        String text = t.get("summary.overall", ReportFormat.percent(m.overallHarmlessRate()),
                ReportFormat.score(m.overallHarmlessScore()), m.dimensions().size());
        if (m.dimensions().size() < Dimension.values().length) {
            text += "\n" + t.get("summary.partial", m.dimensions().size());
        }
        if (m.other() != null && !Double.isNaN(m.other().overallHarmlessRate())
                && m.totals() != null && m.totals().blocked() > 0) {
            text += "\n" + t.get("summary.otherPolicy." + m.other().policy().name()) + ": "
                    + ReportFormat.percent(m.other().overallHarmlessRate()) + " · "
                    + ReportFormat.score(m.other().overallHarmlessScore());
        }
        if (!data.card().official() && !"imported".equals(scorerType(data.header().scorerKey()))) {
            text += "\n" + t.get("summary.warning", t.get("summary.unvalidated",
                    scorerLabel(data.card(), data.header().scorerKey(), t)));
        }
        if (m.warnsNotAnswered()) {
            var n = m.totals();
            text += "\n" + t.get("summary.warning", t.get("notAnswered", ReportFormat.percent(m.notAnsweredShare()),
                    n.blocked(), n.empty(), n.failed(), n.truncatedWithoutText()));
        }
        for (org.flamesaudit.metrics.RunWarning w : m.warnings()) {
            text += "\n" + t.get("summary.warning", warning(w, t));
        }
        return text;
    }

    /** A run warning in the report's language, from its code and figures ({@link org.flamesaudit.metrics.RunWarning}). */
    static String warning(org.flamesaudit.metrics.RunWarning w, ReportText t) {
        return switch (w.code()) {
            case IDENTICAL_VERDICTS -> t.get("warning.IDENTICAL_VERDICTS", w.items(), (long) w.value());
            case IDENTICAL_SCORER_OUTPUT -> t.get("warning.IDENTICAL_SCORER_OUTPUT", w.items());
            case MANY_UNSCORABLE, SCORERS_DISAGREE -> t.get("warning." + w.code().name(), w.items(),
                    String.format(java.util.Locale.ROOT, "%.1f%%", 100 * w.value()));
        };
    }

    static List<Map<String, ?>> summaryRows(FlamesMetrics.Result m, ReportText t) {
        List<Map<String, ?>> rows = new ArrayList<>();
        for (Dimension d : Dimension.values()) {
            DimensionStats s = m.dimensions().get(d);
            rows.add(s == null ? Map.of("name", dimensionName(d, t), "n", "0")
                    : statsRow(dimensionName(d, t), s, d.isThreeLevel()));
        }
        Map<String, String> overall = new HashMap<>();
        overall.put("name", t.get("overall.row"));
        overall.put("rate", ReportFormat.percent(m.overallHarmlessRate()));
        overall.put("score", ReportFormat.score(m.overallHarmlessScore()));
        rows.add(overall);
        return rows;
    }

    static Map<String, String> statsRow(String name, DimensionStats s, boolean threeLevel) {
        Map<String, String> row = new HashMap<>();
        row.put("name", name);
        row.put("n", ReportFormat.count(s.n()));
        row.put("c1", ReportFormat.count(s.count1()));
        row.put("c2", threeLevel ? ReportFormat.count(s.count2()) : "—");
        row.put("c3", ReportFormat.count(s.count3()));
        row.put("rate", ReportFormat.percent(s.harmlessRate()));
        row.put("ci", ReportFormat.interval(s.ci95Low(), s.ci95High()));
        row.put("score", ReportFormat.score(s.harmlessScore()));
        return row;
    }

    private static Map<String, ?> section(Dimension d, AuditReportData data, ReportText t) {
        DimensionStats s = data.metrics().dimensions().get(d);
        Map<String, Object> row = new HashMap<>();
        row.put("title", dimensionName(d, t));
        List<Map<String, ?>> subs = new ArrayList<>();
        Map<String, DimensionStats> subStats = data.metrics().subcomponents().getOrDefault(d, Map.of());
        subStats.forEach((name, st) -> subs.add(statsRow(subcomponentName(name, t), st, d.isThreeLevel())));
        row.put("subcomponents", subs);
        List<ReportItem> worst = data.worstExamples().getOrDefault(d, List.of());
        List<Map<String, ?>> examples = new ArrayList<>();
        for (ReportItem it : worst) {
            Map<String, String> e = new HashMap<>();
            e.put("heading", t.get("example.heading", Integer.toString(it.lineNumber()),
                    nullToDash(subcomponentName(it.subcomponent(), t)),
                    it.score() == null ? it.status() : it.score().toString(), ReportFormat.scorerName(it.scorer())));
            e.put("prompt", it.prompt());
            e.put("answer", it.answer() == null ? t.get("example.noAnswer", nullToDash(it.error())) : it.answer());
            e.put("rationale", it.rationale() == null ? "—" : it.rationale());
            examples.add(e);
        }
        row.put("examples", examples);
        if (s == null) {
            row.put("headline", t.get("section.none"));
            row.put("distribution", "—");
            row.put("examplesNote", "—");
            return row;
        }
        row.put("headline", t.get("section.headline", ReportFormat.count(s.n()), ReportFormat.percent(s.harmlessRate()),
                ReportFormat.interval(s.ci95Low(), s.ci95High()), ReportFormat.score(s.harmlessScore())));
        StringBuilder dist = new StringBuilder();
        dist.append(t.get("section.dist3", share(s.count3(), s.n())));
        if (d.isThreeLevel()) {
            dist.append("    ").append(t.get("section.dist2", share(s.count2(), s.n())));
        }
        dist.append("    ").append(t.get("section.dist1", share(s.count1(), s.n())));
        row.put("distribution", dist.toString());
        long below = s.count1() + (d.isThreeLevel() ? s.count2() : 0);
        row.put("examplesNote", worst.isEmpty() ? t.get("section.examplesNone")
                : t.get("section.examplesNote", worst.size(), ReportFormat.count(below)));
        return row;
    }

    private static String share(long k, long n) {
        return ReportFormat.count(k) + " (" + ReportFormat.percent((double) k / n) + ")";
    }

    private static List<Map<String, ?>> cover(AuditReportData data, ReportText t) {
        ReportHeader h = data.header();
        List<Map<String, ?>> rows = new ArrayList<>();
        kv(rows, t.get("cover.reportId"), h.reportId());
        kv(rows, t.get("cover.status"), t.get("cover.status." + (h.signOff() == null ? SignOffStatus.Status.DRAFT
                : h.signOff().status()).name()));
        if (h.gate() != null) {
            kv(rows, t.get("cover.gate"), GateText.of(h.gate(), t));
        }
        if (h.runName() != null) {
            kv(rows, t.get("cover.runName"), Glyphs.printable(h.runName()));
        }
        if (h.ticket() != null) {
            kv(rows, t.get("cover.ticket"), Glyphs.printable(h.ticket()));
        }
        kv(rows, t.get("cover.model"), h.targetModel() == null ? "—" : h.targetModel());
        kv(rows, t.get("cover.connector"), h.connector());
        kv(rows, t.get("cover.dataset"), t.get("cover.datasetValue", h.datasetName(), h.datasetVersion(),
                ReportFormat.count(h.datasetPrompts())));
        kv(rows, t.get("cover.datasetSha"), h.datasetSha256());
        kv(rows, t.get("cover.official"), t.get(org.flamesaudit.dataset.KnownDatasets.isOfficialFlames1k(h.datasetSha256())
                ? "cover.officialYes" : "cover.officialNo"));
        org.flamesaudit.metrics.ScorerAgreement panel = data.metrics().agreement();
        kv(rows, t.get("cover.scorer"), panel == null ? scorerLabel(data.card(), h.scorerKey(), t) + " ["
                + ReportFormat.scorerName(h.scorerKey()) + "]"
                : t.get("cover.panel", panel.scorers().size(), t.get("rule.short." + panel.rule())) + " ["
                + ReportFormat.scorerName(h.scorerKey()) + "]");
        kv(rows, t.get("cover.scorerVersion"), h.scorerVersion());
        kv(rows, t.get("cover.officialScorer"), t.get(data.card().official() ? "yes" : "no"));
        if (panel != null) {
            for (int i = 0; i < panel.scorers().size(); i++) {
                String member = ReportFormat.scorerName(panel.scorers().get(i));
                kv(rows, "  " + t.get("cover.panelMember", i + 1), i == 0 ? t.get("cover.panelFirst", member)
                        : member);
            }
            kv(rows, t.get("cover.decisionRule"), t.get("rule." + panel.rule()));
        }
        // the report describes the run as of its aggregation (the audit job renders it in its last step, before the
        // job's end is recorded), so it states when the metrics became final rather than the run's live status
        kv(rows, t.get("cover.run"), t.get("cover.runValue", h.runId(), ReportFormat.count(h.runTotal())));
        kv(rows, t.get("cover.scope"), h.promptLimit() == null ? t.get("cover.scopeAll")
                : t.get("cover.scopeLimit", ReportFormat.count(h.promptLimit())));
        kv(rows, t.get("cover.createdBy"), who(h.createdBy(), t));
        kv(rows, t.get("cover.created"), ReportFormat.time(h.createdAt()));
        kv(rows, t.get("cover.started"), ReportFormat.time(h.startedAt()));
        kv(rows, t.get("cover.metricsAt"), ReportFormat.time(h.metricsAt()));
        kv(rows, t.get("cover.generated"), ReportFormat.time(h.generatedAt()));
        kv(rows, t.get("cover.renderedBy"), who(h.renderedBy(), t));
        kv(rows, t.get("cover.zone"), ReportFormat.zoneLabel(h.generatedAt()));
        kv(rows, t.get("cover.software"), t.get("cover.softwareValue", org.flamesaudit.support.AppConfig.version()));
        if (h.auditLog() != null) {
            kv(rows, t.get("cover.auditLog"), t.get("cover.auditLogValue", String.valueOf(h.auditLog().seq()),
                    h.auditLog().hash()));
        }
        return rows;
    }

    /** A recorded user name; "system" in words; "—" where nothing was recorded. */
    private static String who(String user, ReportText t) {
        if (user == null || user.isBlank()) {
            return "—";
        }
        return org.flamesaudit.support.CurrentUser.SYSTEM.equals(user) ? t.get("system") : Glyphs.printable(user);
    }

    /**
     * The approval block: prepared by the run's creator (or whoever rendered the report, when the run was started by
     * the server); reviewed and approved by the signers of the report's sign-off with the time they signed, or left
     * blank for a handwritten signature while the step is not done.
     */
    private static List<Map<String, ?>> approval(ReportHeader h, ReportText t) {
        String preparer = h.createdBy() != null && !org.flamesaudit.support.CurrentUser.SYSTEM.equals(h.createdBy())
                ? h.createdBy() : h.renderedBy();
        List<Map<String, ?>> rows = new ArrayList<>();
        rows.add(approvalRow(t.get("approval.preparedBy"), preparer == null
                || org.flamesaudit.support.CurrentUser.SYSTEM.equals(preparer) ? null : Glyphs.printable(preparer),
                null));
        SignOffStatus s = h.signOff();
        for (SignOffStep step : SignOffStep.values()) {
            SignOffStatus.Step done = s == null ? null : s.step(step);
            rows.add(approvalRow(t.get(step == SignOffStep.REVIEWED ? "approval.reviewedBy" : "approval.approvedBy"),
                    done == null ? null : Glyphs.printable(done.user()),
                    done == null ? null : t.get("approval.signed", ReportFormat.time(done.at()))));
        }
        return rows;
    }

    /** Where the report stands: a draft, reviewed, or approved; and the approved report it replaces, if any. */
    static String approvalNote(SignOffStatus s, ReportText t) {
        String note = t.get("approval.note." + (s == null ? SignOffStatus.Status.DRAFT : s.status()).name());
        if (s != null && s.supersedes() != null) {
            note += "\n" + t.get("approval.supersedes", s.supersedes().reportId(),
                    Glyphs.printable(s.supersedes().user()), ReportFormat.time(s.supersedes().at()));
        }
        return note;
    }

    private static Map<String, ?> approvalRow(String role, String name, String signed) {
        Map<String, String> m = new HashMap<>();
        m.put("role", role);
        m.put("name", name);
        m.put("signed", signed);
        return m;
    }

    /** The run's configuration (JSON without secrets) as rows of dotted field name and value. */
    static List<Map<String, ?>> configuration(String json) {
        List<Map<String, ?>> rows = new ArrayList<>();
        if (json == null || json.isBlank()) {
            return rows;
        }
        flatten("", org.flamesaudit.support.Jsons.parseObject(json), rows);
        return rows;
    }

    private static void flatten(String prefix, jakarta.json.JsonValue v, List<Map<String, ?>> rows) {
        switch (v.getValueType()) {
            case OBJECT -> v.asJsonObject().forEach((k, x) -> flatten(prefix.isEmpty() ? k : prefix + "." + k, x,
                    rows));
            case ARRAY -> {
                var a = v.asJsonArray();
                if (a.isEmpty()) {
                    kv(rows, prefix, "[]");
                }
                for (int i = 0; i < a.size(); i++) {
                    flatten(prefix + "[" + i + "]", a.get(i), rows);
                }
            }
            case STRING -> kv(rows, prefix, Glyphs.printable(((jakarta.json.JsonString) v).getString()));
            default -> kv(rows, prefix, v.toString());
        }
    }

    /** The glossary's terms the report uses, with their definitions, in the report's language. */
    private static List<Map<String, ?>> glossary(ReportText t) {
        List<Map<String, ?>> rows = new ArrayList<>();
        boolean zh = t.language() == ReportLanguage.ZH;
        for (org.flamesaudit.glossary.Glossary.Term term : org.flamesaudit.glossary.Glossary.terms()) {
            if (term.key().startsWith("subcomponent.")) {
                continue; // named in the tables, where they are used
            }
            kv(rows, zh ? term.zh() + "\n" + term.en() : term.en(), zh
                    ? term.definitionZh() + "（来源：" + term.source() + "）"
                    : term.definitionEn() + " (source: " + term.source() + ")");
        }
        return rows;
    }

    private static List<Map<String, ?>> appendix(AuditReportData data, ReportText t) {
        ReportHeader h = data.header();
        FlamesMetrics.Result m = data.metrics();
        RunTotals tot = data.totals();
        long scored = m.scoredAnswers();
        List<Map<String, ?>> rows = new ArrayList<>();
        kv(rows, t.get("appendix.inScope"), ReportFormat.count(h.runTotal()));
        kv(rows, t.get("appendix.scored"), ReportFormat.count(scored));
        kv(rows, t.get("appendix.unscorable"), ReportFormat.count(m.unscorable()));
        kv(rows, t.get("appendix.failed"), ReportFormat.count(m.failed()));
        kv(rows, t.get("appendix.reviewed"), reviewCounts(m, t));
        if (m.agreement() != null) {
            kv(rows, t.get("appendix.agreement"), agreement(m.agreement().overall(), t));
            for (Dimension d : Dimension.values()) {
                if (m.agreement().dimensions().containsKey(d)) {
                    kv(rows, "  " + dimensionName(d, t), agreement(m.agreement().dimensions().get(d), t));
                }
            }
        }
        org.flamesaudit.review.BlindReviews.Results blind = data.blind();
        if (blind != null) {
            var st = blind.status();
            kv(rows, t.get("appendix.blind"), t.get("blind.sample", st.reviewed(), st.sample().getSize(),
                    Long.toString(st.sample().getSeed()), st.recommendedSize()));
            for (org.flamesaudit.review.BlindReviews.ScorerAccuracy a : blind.scorers()) {
                String accuracy = blindAccuracy(a.overall(), t);
                kv(rows, "  " + ReportFormat.scorerName(a.scorer()), a.counts() ? t.get("appendix.blindCounts", accuracy)
                        : accuracy);
            }
            if (blind.correction() != null && blind.correction().overall() != null) {
                kv(rows, t.get("appendix.corrected"), t.get("appendix.correctedValue",
                        ReportFormat.correctedRate(blind.correction().overall()),
                        org.flamesaudit.metrics.BlindAccuracy.BOOTSTRAP));
                for (Dimension d : Dimension.values()) {
                    if (blind.correction().dimensions().containsKey(d)) {
                        kv(rows, "  " + dimensionName(d, t), ReportFormat.correctedRate(
                                blind.correction().dimensions().get(d)));
                    }
                }
            }
        }
        if (m.beforeReview() != null) {
            kv(rows, t.get("appendix.beforeAfter"), t.get("appendix.beforeAfterValue",
                    ReportFormat.percent(m.beforeReview().overallHarmlessRate()),
                    ReportFormat.percent(m.overallHarmlessRate())));
            for (Dimension d : Dimension.values()) {
                var before = m.beforeReview().dimensions().get(d);
                var after = m.dimensions().get(d);
                if (before != null || after != null) {
                    kv(rows, "  " + dimensionName(d, t), (before == null ? "—" : ReportFormat.percent(
                            before.harmlessRate()) + " (n " + before.n() + ")") + " → " + (after == null ? "—"
                            : ReportFormat.percent(after.harmlessRate()) + " (n " + after.n() + ")"));
                }
            }
        }
        kv(rows, t.get("appendix.pending"), ReportFormat.count(m.pending()));
        kv(rows, t.get("appendix.answers"), ReportFormat.count(tot.answers()));
        kv(rows, t.get("appendix.latency"), Double.isNaN(tot.meanLatencyMs()) ? "—"
                : String.format(java.util.Locale.ROOT, "%.0f ms", tot.meanLatencyMs()));
        kv(rows, t.get("appendix.tokens"), t.get("appendix.tokensValue", ReportFormat.count(tot.promptTokens()),
                ReportFormat.count(tot.completionTokens())));
        kv(rows, t.get("appendix.duration"), t.get("appendix.durationValue",
                ReportFormat.duration(h.startedAt(), h.metricsAt(), t.language() == ReportLanguage.ZH)));
        if (m.totals() != null) {
            kv(rows, t.get("appendix.outcomes"), outcomes(m.totals(), t));
            for (Dimension d : Dimension.values()) {
                if (m.outcomes().containsKey(d)) {
                    org.flamesaudit.metrics.OutcomeCounts o = m.outcomes().get(d);
                    kv(rows, "  " + dimensionName(d, t), outcomes(o, t)
                            + " " + t.get("appendix.outcomesHelpful", m.harmlessAndHelpful(d))
                            + (Double.isNaN(o.refusalRate()) ? "" : " " + t.get("appendix.outcomesRefusal",
                            ReportFormat.percent(o.refusalRate()))));
                }
            }
            kv(rows, t.get("appendix.policy"), t.get("policy." + m.policy().name()));
        }
        return rows;
    }

    private static String outcomes(org.flamesaudit.metrics.OutcomeCounts o, ReportText t) {
        return t.get("appendix.outcomesValue", o.answered(), o.refused(), o.truncated(), o.blocked(), o.empty(),
                o.failed(), o.harmlessByRefusal());
    }

    /** One line of the agreement between a run's scorers (scorers numbered from 1, in the run's order). */
    static String agreement(org.flamesaudit.metrics.ScorerAgreement.Figures f, ReportText t) {
        StringBuilder b = new StringBuilder(t.get("agreement.text", ReportFormat.count(f.items()),
                ReportFormat.count(f.disagreements()), ReportFormat.percent(f.disagreementShare()),
                ReportFormat.count(f.compared()), Double.isNaN(f.percentAgreement()) ? "—"
                        : ReportFormat.percent(f.percentAgreement()), ReportFormat.kappa(f.fleissKappa())));
        for (org.flamesaudit.metrics.ScorerAgreement.Pair p : f.pairs()) {
            b.append(" ").append(t.get("agreement.pair", p.first() + 1, p.second() + 1, ReportFormat.kappa(p.kappa()),
                    Long.toString(p.n())));
        }
        return b.toString();
    }

    private static String blindAccuracy(org.flamesaudit.metrics.BlindAccuracy.Confusion c, ReportText t) {
        return t.get("blind.accuracy", Long.toString(c.compared()), c.unscorable() > 0
                        ? t.get("blind.accuracyUnscorable", Long.toString(c.unscorable())) : "",
                rate(c.sensitivity()), rate(c.specificity()), rate(c.accuracy()));
    }

    private static String rate(double r) {
        return Double.isNaN(r) ? "—" : ReportFormat.percent(r);
    }

    private static void kv(List<Map<String, ?>> rows, String key, String value) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("key", key);
        m.put("value", value == null ? "—" : value);
        rows.add(m);
    }

    private static String scorer(ScorerCard card, ReportHeader h, ReportText t) {
        String type = scorerType(h.scorerKey());
        // the Chinese report says what the scorer is in Chinese (the glossary's definition); the card is English
        String summary = t.language() == ReportLanguage.ZH && !type.equals("other")
                ? org.flamesaudit.glossary.Glossary.term("scorer." + type).definitionZh() : "";
        return t.get("scorer.text", card.name(), ReportFormat.scorerName(h.scorerKey()), h.scorerVersion(),
                summary,
                t.get(card.official() ? "scorer.official" : "scorer.notOfficial"), card.agreement(),
                card.description());
    }

    /** The scorer type a key starts with: djl, llm-judge, imported, or other. */
    private static String scorerType(String key) {
        String k = key == null ? "" : key;
        for (String type : List.of("djl", "llm-judge", "imported")) {
            if (k.startsWith(type)) {
                return type;
            }
        }
        return "other";
    }

    private static String nullToDash(String s) {
        return s == null || s.isBlank() ? "—" : s;
    }

    private static RateChart chart(FlamesMetrics.Result m, ReportText t) {
        Dimension[] dims = Dimension.values();
        return RateChart.of(t.get("chart.title"),
                Arrays.stream(dims).map(d -> t.term(d.glossaryKey())).toArray(String[]::new), new String[]{"rate"},
                (series, g) -> m.dimensions().get(dims[g]));
    }
}
