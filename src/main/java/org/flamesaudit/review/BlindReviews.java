package org.flamesaudit.review;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.flamesaudit.dataset.Dimension;
import org.flamesaudit.metrics.BlindAccuracy;
import org.flamesaudit.run.AuditRun;
import org.flamesaudit.run.RunStore;
import org.flamesaudit.scoring.RunItem;
import org.flamesaudit.scoring.ScorerPanels;
import org.flamesaudit.support.ConfigurationException;
import org.flamesaudit.support.ConflictException;
import org.flamesaudit.support.NotFoundException;
import org.jboss.logging.Logger;

import java.lang.invoke.MethodHandles;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Blind review samples (issue 21): an auditor draws a seeded random sample of a run's answers, stratified by dimension
 * ({@link BlindSampling}); reviewers score each drawn answer seeing its prompt, answer and dimension only, never a
 * machine verdict; the blind scores then measure each of the run's scorers ({@link BlindAccuracy}: confusion matrix,
 * sensitivity and specificity for "harmless") and correct the run's harmless rate for the errors of the verdict that
 * counts (Rogan-Gladen, with a bootstrap interval). A blind score never changes a score that counts.
 */
@ApplicationScoped
@Transactional
public class BlindReviews {

    private static final ReviewLogger LOG = Logger.getMessageLogger(MethodHandles.lookup(), ReviewLogger.class,
            BlindReviews.class.getName());

    /** The margin of the recommended sample size: a scorer's accuracy to +/-5 points at 95%. */
    public static final double MARGIN = 0.05;

    /** The most answers one sample may draw. */
    public static final int MAX_SIZE = 5000;

    @PersistenceContext(unitName = "flames")
    EntityManager em;

    @Inject
    RunStore runs;

    @Inject
    ScorerPanels panels;

    /** A sample with its progress: answers drawn per dimension, blind scores given, and the recommended size. */
    public record Status(BlindSample sample, Map<Dimension, Long> drawn, long reviewed, long population,
                         int recommendedSize) {
    }

    /** One drawn answer as a reviewer sees it: no machine verdict, no line number. */
    public record Item(long id, int position, Dimension dimension, String prompt, String answer, Integer humanScore,
                       String reviewedBy, Instant reviewedAt) {
    }

    /** Each scorer measured on the blind scores, overall and per dimension. */
    public record ScorerAccuracy(String scorer, boolean counts, BlindAccuracy.Confusion overall,
                                 Map<Dimension, BlindAccuracy.Confusion> dimensions) {
    }

    /**
     * What the blind sample measured: each scorer of the run (and the decision, under a deciding rule) against the
     * reviewers, and the run's harmless rate corrected for the errors of the verdict that counts; null correction
     * before any blind score.
     */
    public record Results(Status status, List<ScorerAccuracy> scorers, BlindAccuracy.Correction correction) {
    }

    /**
     * Draws the run's sample: {@code size} answers that reached a scorer (default: the recommended size), with
     * {@code seed} (default: a random one, stored). One sample per run.
     *
     * @throws ConflictException when the run has a sample already or no aggregated metrics yet
     */
    public Status create(long runId, Integer size, Long seed, String user) {
        runs.lock(runId); // two auditors drawing at once: the second waits, then finds the first's sample (409)
        AuditRun run = runs.requireAggregated(runId, "draw its blind review sample");
        if (find(runId) != null) {
            throw new ConflictException("run " + runId + " has a blind review sample already; review it, or read its "
                    + "results at /api/runs/" + runId + "/blind-sample/results");
        }
        Map<Dimension, List<Long>> candidates = candidates(runId);
        long population = candidates.values().stream().mapToLong(List::size).sum();
        if (population == 0) {
            throw new ConflictException("run " + runId + " has no answer a scorer saw; there is nothing to review");
        }
        if (size != null && (size < 1 || size > MAX_SIZE)) {
            throw new ConfigurationException("size", "must be 1 to " + MAX_SIZE + " (the recommended size for this run "
                    + "is " + BlindAccuracy.sampleSize(population, MARGIN) + ")");
        }
        int n = (int) Math.min(population, size == null ? BlindAccuracy.sampleSize(population, MARGIN) : size);
        long s = seed != null ? seed : new java.security.SecureRandom().nextLong() & Long.MAX_VALUE;
        BlindSample sample = new BlindSample(run.getId(), s, n, user, Instant.now());
        em.persist(sample);
        List<Long> drawn = BlindSampling.draw(candidates, n, s);
        for (int i = 0; i < drawn.size(); i++) {
            em.persist(new BlindSampleItem(sample.getId(), i + 1, drawn.get(i)));
        }
        em.flush();
        LOG.blindSampleDrawn(runId, drawn.size(), s, user);
        return status(runId);
    }

    /** The run's sample and its progress. */
    public Status status(long runId) {
        BlindSample sample = require(runId);
        Map<Dimension, Long> drawn = new EnumMap<>(Dimension.class);
        long reviewed = 0;
        for (Object[] row : em.createQuery("select i.dimension, count(b), count(b.humanValue) from BlindSampleItem b, "
                        + "RunItem i where i.responseId = b.responseId and b.sampleId = :sample group by i.dimension",
                Object[].class).setParameter("sample", sample.getId()).getResultList()) {
            drawn.put(Dimension.requireLabel((String) row[0]), (Long) row[1]);
            reviewed += (Long) row[2];
        }
        long population = em.createQuery("select count(i) from RunItem i where i.runId = :run and i.scorable = true",
                Long.class).setParameter("run", runId).getSingleResult();
        return new Status(sample, drawn, reviewed, population, BlindAccuracy.sampleSize(population, MARGIN));
    }

    /**
     * One page of the sample in review order; {@code open}: only answers without a blind score yet. A blind score is
     * shown only to the reviewer who gave it ({@code viewer}), or to everyone when {@code viewer} is null (auditors,
     * regulators): reviewers never see each other's scores, which would anchor theirs.
     */
    public List<Item> items(long runId, boolean open, int page, int size, String viewer) {
        BlindSample sample = require(runId);
        return em.createQuery("select b, i from BlindSampleItem b, RunItem i where i.responseId = b.responseId "
                        + "and b.sampleId = :sample" + (open ? " and b.humanValue is null" : "")
                        + " order by b.position", Object[].class)
                .setParameter("sample", sample.getId()).setFirstResult(page * size).setMaxResults(size)
                .getResultStream().map(row -> {
                    BlindSampleItem b = (BlindSampleItem) row[0];
                    RunItem i = (RunItem) row[1];
                    boolean shown = viewer == null || viewer.equals(b.getReviewedBy());
                    return new Item(b.getId(), b.getPosition(), Dimension.requireLabel(i.getDimension()),
                            i.getPrompt(), i.getResponse(), shown ? b.getHumanValue() : null,
                            shown ? b.getReviewedBy() : null, shown ? b.getReviewedAt() : null);
                }).toList();
    }

    /**
     * Records a reviewer's blind score of one drawn answer, once: the stored score is the record of who judged what
     * and when, so a second score of the same answer is refused (409).
     */
    public Item review(long runId, long itemId, Integer score, String reviewer) {
        BlindSample sample = require(runId);
        BlindSampleItem b = em.find(BlindSampleItem.class, itemId);
        if (b == null || b.getSampleId() != sample.getId()) {
            throw new NotFoundException("run " + runId + "'s blind sample has no item " + itemId);
        }
        RunItem i = em.find(RunItem.class, b.getResponseId());
        Dimension d = Dimension.requireLabel(i.getDimension());
        if (score == null) {
            throw new ConfigurationException("score", "is required: your score for this answer, "
                    + d.allowedScoresText());
        }
        if (!d.allows(score)) {
            throw new ConfigurationException("score", score + " is not a " + d.label() + " score (allowed: "
                    + d.allowedScoresText() + ")");
        }
        em.refresh(b, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE); // two reviewers at once: one wins
        if (b.getHumanValue() != null) {
            throw new ConflictException("sample item " + b.getPosition() + " has a blind score already (given by "
                    + (reviewer.equals(b.getReviewedBy()) ? "you" : "another reviewer") + "); a blind score is given "
                    + "once");
        }
        b.review(score, reviewer, Instant.now());
        LOG.blindScoreGiven(runId, b.getPosition(), reviewer);
        return new Item(b.getId(), b.getPosition(), d, i.getPrompt(), i.getResponse(), b.getHumanValue(),
                b.getReviewedBy(), b.getReviewedAt());
    }

    /**
     * The scorer {@code scorerKey} against every blind score of every run it scored (its pooled history): how many
     * runs, and the confusion over all their blind scores.
     */
    public record Pooled(long runs, BlindAccuracy.Confusion confusion) {
    }

    public Pooled pooled(String scorerKey) {
        List<Object[]> rows = em.createQuery("select s.runId, i.dimension, b.humanValue, sc.value from BlindSampleItem b, "
                        + "BlindSample s, RunItem i, Score sc where b.sampleId = s.id and i.responseId = b.responseId "
                        + "and sc.response.id = b.responseId and sc.scorerKey = :key and b.humanValue is not null",
                Object[].class).setParameter("key", scorerKey).getResultList();
        List<BlindAccuracy.Pair> pairs = new ArrayList<>();
        java.util.Set<Long> runIds = new java.util.HashSet<>();
        for (Object[] r : rows) {
            runIds.add((Long) r[0]);
            pairs.add(new BlindAccuracy.Pair(Dimension.requireLabel((String) r[1]), (Integer) r[2], (Integer) r[3]));
        }
        return new Pooled(runIds.size(), BlindAccuracy.confusion(pairs));
    }

    /** When the latest blind score of the run's sample was given; null without one. */
    public Instant lastScoredAt(long runId) {
        return em.createQuery("select max(b.reviewedAt) from BlindSampleItem b, BlindSample s where b.sampleId = s.id "
                + "and s.runId = :run", Instant.class).setParameter("run", runId).getSingleResult();
    }

    /** {@link #results} when the run has a sample with at least one blind score, else null (for the reports). */
    public Results resultsIfSampled(long runId) {
        BlindSample sample = find(runId);
        if (sample == null || lastScoredAt(runId) == null) {
            return null;
        }
        return results(runId);
    }

    /**
     * What the blind scores are, in a few characters: empty without a sample; otherwise the sample, its seed and a
     * hash of every blind score, so a report that shows them is rendered again when one changes.
     */
    public String fingerprint(long runId) {
        BlindSample sample = find(runId);
        if (sample == null) {
            return "";
        }
        List<Object[]> scores = em.createQuery("select b.position, b.humanValue from BlindSampleItem b where "
                + "b.sampleId = :sample and b.humanValue is not null order by b.position", Object[].class)
                .setParameter("sample", sample.getId()).getResultList();
        StringBuilder all = new StringBuilder();
        scores.forEach(r -> all.append(r[0]).append('=').append(r[1]).append(';'));
        return "blind:" + sample.getId() + ":" + sample.getSeed() + ":" + org.flamesaudit.support.Sha256.of(
                all.toString()).substring(0, 16) + ":" + scores.size();
    }

    /** Each scorer against the blind scores given so far, and the corrected harmless rate. */
    public Results results(long runId) {
        Status status = status(runId);
        List<ScorerAccuracy> scorers = new ArrayList<>();
        List<BlindAccuracy.Pair> counted = accuracy(runId, status.sample(), scorers);
        BlindAccuracy.Correction correction = counted.isEmpty() ? null
                : BlindAccuracy.corrected(observed(runId), counted, status.sample().getSeed());
        return new Results(status, scorers, correction);
    }

    /**
     * The verdict that counts against this run's blind scores, without the bootstrap (for the scorer card, which every
     * metrics response carries); null when the run has no blind score.
     */
    public BlindAccuracy.Confusion countingAccuracy(long runId) {
        BlindSample sample = find(runId);
        if (sample == null) {
            return null;
        }
        List<ScorerAccuracy> scorers = new ArrayList<>();
        List<BlindAccuracy.Pair> counted = accuracy(runId, sample, scorers);
        return counted.isEmpty() ? null : BlindAccuracy.confusion(counted);
    }

    /** Fills {@code scorers} with each scorer's accuracy; returns the pairs of the verdict that counts. */
    private List<BlindAccuracy.Pair> accuracy(long runId, BlindSample sample, List<ScorerAccuracy> scorers) {
        AuditRun run = runs.require(runId);
        List<Object[]> reviewed = em.createQuery("select b.responseId, i.dimension, b.humanValue from BlindSampleItem b, "
                        + "RunItem i where i.responseId = b.responseId and b.sampleId = :sample "
                        + "and b.humanValue is not null", Object[].class)
                .setParameter("sample", sample.getId()).getResultList();
        ScorerPanels.Panel panel = panels.of(runId);
        List<String> keys = new ArrayList<>(panel.memberKeys());
        if (panel.rule().decides()) {
            keys.add(panel.countingKey());
        }
        Map<Long, Map<String, Integer>> verdicts = new HashMap<>();
        if (!reviewed.isEmpty()) {
            em.createQuery("select s.response.id, s.scorerKey, s.value from Score s where s.scorerKey in :keys "
                            + "and s.response.id in (select b.responseId from BlindSampleItem b where b.sampleId = "
                            + ":sample and b.humanValue is not null)", Object[].class)
                    .setParameter("keys", keys).setParameter("sample", sample.getId()).getResultStream()
                    .forEach(row -> verdicts.computeIfAbsent((Long) row[0], k -> new HashMap<>())
                            .put((String) row[1], (Integer) row[2]));
        }
        List<BlindAccuracy.Pair> counted = List.of();
        for (String key : keys) {
            List<BlindAccuracy.Pair> pairs = new ArrayList<>();
            for (Object[] row : reviewed) {
                Map<String, Integer> v = verdicts.getOrDefault((Long) row[0], Map.of());
                pairs.add(new BlindAccuracy.Pair(Dimension.requireLabel((String) row[1]), (Integer) row[2],
                        v.get(key)));
            }
            Map<Dimension, BlindAccuracy.Confusion> dims = new EnumMap<>(Dimension.class);
            for (Dimension d : Dimension.values()) {
                List<BlindAccuracy.Pair> of = pairs.stream().filter(p -> p.dimension() == d).toList();
                if (!of.isEmpty()) {
                    dims.put(d, BlindAccuracy.confusion(of));
                }
            }
            boolean counts = key.equals(run.getScorerKey());
            scorers.add(new ScorerAccuracy(key, counts, BlindAccuracy.confusion(pairs), dims));
            if (counts) {
                counted = reviewed.isEmpty() ? List.of() : pairs;
            }
        }
        return counted;
    }

    /**
     * Per dimension, {harmless answers, scored answers} by the machine verdict that counts, over the model's answers
     * only (a prompt the provider blocked has no verdict to be wrong, whatever the counting policy) and before any
     * (non-blind) review: the rates the scorer's errors are corrected from. Items a deciding rule left undecided have
     * no machine verdict and are in neither count.
     */
    private Map<Dimension, long[]> observed(long runId) {
        Map<Dimension, long[]> out = new LinkedHashMap<>();
        for (Object[] row : em.createQuery("select i.dimension, count(i), sum(case when i.scorerValue = 3 then 1 else 0 "
                        + "end) from RunItem i where i.runId = :run and i.scorable = true and i.scoreStatus = :scored "
                        + "group by i.dimension", Object[].class).setParameter("run", runId)
                .setParameter("scored", org.flamesaudit.scoring.ScoreStatus.SCORED).getResultList()) {
            out.put(Dimension.requireLabel((String) row[0]), new long[] {((Number) row[2]).longValue(),
                    ((Number) row[1]).longValue()});
        }
        return out;
    }

    /** The answers a sample may draw: those that reached a scorer (with text), per dimension, ascending ids. */
    private Map<Dimension, List<Long>> candidates(long runId) {
        Map<Dimension, List<Long>> out = new EnumMap<>(Dimension.class);
        em.createQuery("select i.dimension, i.responseId from RunItem i where i.runId = :run and i.scorable = true "
                        + "order by i.responseId", Object[].class).setParameter("run", runId).getResultStream()
                .forEach(row -> out.computeIfAbsent(Dimension.requireLabel((String) row[0]), d -> new ArrayList<>())
                        .add((Long) row[1]));
        return out;
    }

    private BlindSample find(long runId) {
        return em.createQuery("select s from BlindSample s where s.runId = :run", BlindSample.class)
                .setParameter("run", runId).getResultStream().findFirst().orElse(null);
    }

    private BlindSample require(long runId) {
        runs.require(runId);
        BlindSample s = find(runId);
        if (s == null) {
            throw new NotFoundException("run " + runId + " has no blind review sample; an auditor draws one with "
                    + "POST /api/runs/" + runId + "/blind-sample");
        }
        return s;
    }
}
