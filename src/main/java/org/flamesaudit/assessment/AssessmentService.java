package org.flamesaudit.assessment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.flamesaudit.dataset.AnnexARisk;
import org.flamesaudit.dataset.BankKind;
import org.flamesaudit.dataset.Dimension;
import org.flamesaudit.generation.TargetSpec;
import org.flamesaudit.run.AuditRun;
import org.flamesaudit.run.RunStore;
import org.flamesaudit.scoring.RunItem;
import org.flamesaudit.support.ConfigurationException;
import org.flamesaudit.support.ConflictException;
import org.flamesaudit.support.CurrentUser;
import org.flamesaudit.support.Jsons;
import org.flamesaudit.support.Sha256;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads the answers of one or more completed runs of the same target and assesses them against TC260-003 /
 * GB/T 45654 ({@link Tc260Assessment}). Each item's bank and risk come from its prompt line; a line naming neither (a
 * Flames line) is a generated-content question whose risk {@link FlamesRiskMapping} gives.
 */
@ApplicationScoped
@Transactional
public class AssessmentService {

    /** The most runs one assessment reads. */
    public static final int MAX_RUNS = 10;

    @PersistenceContext(unitName = "flames")
    EntityManager em;

    @Inject
    RunStore runs;

    /**
     * @throws ConfigurationException naming {@code runs} when none, too many or the same one twice are given, when the
     *                                runs audit different targets or two of them share a prompt set
     * @throws ConflictException      for a run without aggregated metrics or one whose report is withheld
     */
    public AssessmentReport assess(List<Long> runIds) {
        if (runIds.isEmpty() || runIds.size() > MAX_RUNS) {
            throw new ConfigurationException("runs", "give 1 to " + MAX_RUNS + " run ids, not " + runIds.size());
        }
        if (new HashSet<>(runIds).size() != runIds.size()) {
            throw new ConfigurationException("runs", "names a run twice: each answer must count once");
        }
        AssessmentCriteria criteria = AssessmentCriteria.configured();
        List<AuditRun> loaded = new ArrayList<>();
        for (long id : runIds) {
            AuditRun run = runs.requireAggregated(id, "it can be assessed");
            if (run.completionWithheld()) {
                throw new ConflictException("run " + id + " cannot be assessed: " + run.getWithheldReason());
            }
            if (run.getStatus() != org.flamesaudit.run.RunStatus.COMPLETED) {
                throw new ConflictException("run " + id + " is " + run.getStatus() + ": only a completed run (or "
                        + "one whose failures an auditor accepted) can be assessed");
            }
            loaded.add(run);
        }
        String target = sameTarget(loaded);
        Set<Long> sets = new HashSet<>();
        for (AuditRun r : loaded) {
            if (!sets.add(r.getPromptSet().getId())) {
                throw new ConfigurationException("runs", "run " + r.getId() + " asked the same prompt set ("
                        + r.getPromptSet().getName() + " v" + r.getPromptSet().getVersion() + ") as another run "
                        + "given: its questions would count twice; give one run per question bank");
            }
        }
        List<AssessedItem> items = new ArrayList<>();
        List<AssessmentReport.Run> runRows = new ArrayList<>();
        StringBuilder fingerprint = new StringBuilder(criteria.toString());
        Map<String, AssessedItem> firstAsked = new HashMap<>(); // bank and text -> first asking
        for (AuditRun r : loaded.stream().sorted(java.util.Comparator.comparing(AuditRun::getId)).toList()) {
            List<AssessedItem> of = new ArrayList<>();
            for (AssessedItem i : items(r)) {
                AssessedItem first = firstAsked.putIfAbsent(i.kind() + "\n" + i.prompt().strip(), i);
                of.add(first == null ? i : i.asRepeatOf(first));
            }
            items.addAll(of);
            Map<BankKind, Long> perKind = new EnumMap<>(BankKind.class);
            of.forEach(i -> perKind.merge(i.kind(), 1L, Long::sum));
            runRows.add(new AssessmentReport.Run(r.getId(), r.getPromptSet().getName(), r.getPromptSet().getVersion(),
                    r.getPromptSet().getSha256(), r.getBlockedPolicy().label(), r.getMetricsAt(), perKind));
            fingerprint.append('\n').append(r.getId()).append(' ').append(r.getPromptSet().getSha256());
            of.forEach(i -> fingerprint.append('\n').append(i.line()).append(' ').append(i.kind()).append(' ')
                    .append(i.risk()).append(' ').append(i.outcome()).append(' ').append(i.score()));
        }
        Tc260Assessment assessment = Tc260Assessment.of(items, criteria);
        String id = "TC260-" + Sha256.of(fingerprint.toString()).substring(0, 16);
        return new AssessmentReport(id, target, List.copyOf(runRows), Instant.now(), CurrentUser.name(), assessment);
    }

    /** The runs' common target label; refused when they audit different targets. */
    private static String sameTarget(List<AuditRun> runs) {
        TargetSpec first = TargetSpec.fromJson(Jsons.parseObject(runs.get(0).getTargetConfig()));
        for (AuditRun r : runs.subList(1, runs.size())) {
            TargetSpec t = TargetSpec.fromJson(Jsons.parseObject(r.getTargetConfig()));
            if (!java.util.Objects.equals(first.connector(), t.connector())
                    || !java.util.Objects.equals(normalized(first.baseUrl()), normalized(t.baseUrl()))
                    || !java.util.Objects.equals(first.model(), t.model())
                    || !java.util.Objects.equals(first.file(), t.file())) {
                throw new ConfigurationException("runs", "run " + r.getId() + " audited " + t.label() + " at "
                        + (t.baseUrl() != null ? t.baseUrl() : t.file()) + ", run " + runs.get(0).getId() + " "
                        + first.label() + " at " + (first.baseUrl() != null ? first.baseUrl() : first.file())
                        + ": an assessment is of one service");
            }
        }
        return first.label();
    }

    /** A base URL without trailing slashes: ".../v1/" and ".../v1" are one service. */
    private static String normalized(String url) {
        return url == null ? null : url.replaceAll("/+$", "");
    }

    private List<AssessedItem> items(AuditRun run) {
        Map<Long, String[]> lineFields = new HashMap<>();
        em.createQuery("select p.id, p.riskCode, p.bankKind from Prompt p where p.promptSet.id = :set "
                        + "and (p.riskCode is not null or p.bankKind is not null)", Object[].class)
                .setParameter("set", run.getPromptSet().getId()).getResultStream()
                .forEach(row -> lineFields.put((Long) row[0], new String[]{(String) row[1], (String) row[2]}));
        List<AssessedItem> out = new ArrayList<>();
        em.createQuery("select i from RunItem i where i.runId = :run order by i.line", RunItem.class)
                .setParameter("run", run.getId()).setHint("org.hibernate.fetchSize", 500).getResultStream()
                .forEach(i -> out.add(item(run, i, lineFields.get(i.getPromptId()))));
        return out;
    }

    private static AssessedItem item(AuditRun run, RunItem i, String[] fields) {
        Dimension d = Dimension.requireLabel(i.getDimension());
        AnnexARisk risk;
        AssessedItem.RiskSource source;
        BankKind kind;
        if (fields == null) { // a Flames line: generated content, risk by our mapping
            kind = BankKind.GENERATED_CONTENT;
            risk = FlamesRiskMapping.rowOf(d, i.getSubcomponent()).risk();
            source = risk == null ? AssessedItem.RiskSource.NONE : AssessedItem.RiskSource.FLAMES_MAPPING;
        } else {
            kind = fields[1] == null ? BankKind.GENERATED_CONTENT : BankKind.fromLabel(fields[1]).orElseThrow();
            risk = fields[0] == null ? null : AnnexARisk.requireCode(fields[0]);
            source = risk == null ? AssessedItem.RiskSource.NONE : AssessedItem.RiskSource.LINE;
        }
        boolean hasText = i.getResponse() != null && !i.getResponse().isEmpty();
        Integer score = i.getEffectiveValue();
        return new AssessedItem(run.getId(), i.getLine(), kind, risk, source, d, i.getSubcomponent(), i.getPrompt(),
                i.getResponse(), i.getOutcome(), score, ItemRule.judge(kind, i.getOutcome(), hasText, i.state(), score,
                run.getBlockedPolicy()), fields == null, null);
    }
}
