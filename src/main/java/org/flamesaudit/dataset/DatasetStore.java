package org.flamesaudit.dataset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.flamesaudit.support.NotFoundException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Persistence of prompt sets, their prompts and rejected lines. Every method is its own transaction. */
@ApplicationScoped
@Transactional
public class DatasetStore {

    @PersistenceContext(unitName = "flames")
    EntityManager em;

    public Optional<PromptSet> findBySha256(String sha256) {
        return em.createQuery("select s from PromptSet s where s.sha256 = :sha", PromptSet.class)
                .setParameter("sha", sha256).getResultStream().findFirst();
    }

    public PromptSet create(String name, String sha256, String source, String stagedFile, RepeatedPrompts repeated) {
        Integer max = em.createQuery("select max(s.version) from PromptSet s where s.name = :n", Integer.class)
                .setParameter("n", name).getSingleResult();
        PromptSet set = new PromptSet(name, max == null ? 1 : max + 1, sha256, source, stagedFile);
        set.repeatedPrompts(repeated);
        set.createdBy(org.flamesaudit.support.CurrentUser.name());
        em.persist(set);
        return set;
    }

    /** Prepares a failed set for a new import: its partial rows are removed, its id is kept. */
    public void resetForReimport(long id, String source, String stagedFile, RepeatedPrompts repeated) {
        em.createQuery("delete from Prompt p where p.promptSet.id = :id").setParameter("id", id).executeUpdate();
        em.createQuery("delete from RejectedLine r where r.promptSet.id = :id").setParameter("id", id).executeUpdate();
        PromptSet set = require(id);
        set.reimport(source, stagedFile);
        set.repeatedPrompts(repeated);
    }

    /** How many lines an import that drops repeated prompts rejected as repeats ({@link PromptSetItemWriter}). */
    public long countDroppedRepeats(long setId) {
        return em.createQuery("select count(r) from RejectedLine r where r.promptSet.id = :id and r.reason like "
                + ":p", Long.class).setParameter("id", setId).setParameter("p", DROPPED_PREFIX + "%").getSingleResult();
    }

    /** How the rejection of a dropped repeat begins. */
    static final String DROPPED_PREFIX = "repeats the prompt of line ";

    /**
     * The first line of each prompt text already stored for the set, keyed by the text's SHA-256 (so that an import
     * that drops repeated prompts resumes after a restart knowing what it kept).
     */
    public java.util.Map<String, Integer> firstLinesByText(long setId) {
        java.util.Map<String, Integer> first = new java.util.HashMap<>();
        for (Object[] row : em.createQuery("select p.text, min(p.lineNumber) from Prompt p where p.promptSet.id = :id "
                + "group by p.text", Object[].class).setParameter("id", setId).getResultList()) {
            first.put(org.flamesaudit.support.Sha256.of((String) row[0]), (Integer) row[1]);
        }
        return first;
    }

    public PromptSet require(long id) {
        PromptSet set = em.find(PromptSet.class, id);
        if (set == null) {
            throw new NotFoundException("dataset " + id + " does not exist");
        }
        return set;
    }

    public void persistLines(long setId, List<?> lines) {
        PromptSet ref = em.getReference(PromptSet.class, setId);
        for (Object o : lines) {
            PromptLineParser.Result r = (PromptLineParser.Result) o;
            if (r.accepted()) {
                em.persist(new Prompt(ref, (int) r.lineNumber(), r.prompt().dimension(), r.prompt().subcomponent(),
                        r.prompt().text(), r.prompt().risk(), r.prompt().kind()));
            } else {
                em.persist(new RejectedLine(ref, (int) r.lineNumber(), r.rejection()));
            }
        }
    }

    public PromptSet finishImport(long id) {
        PromptSet set = require(id);
        long prompts = em.createQuery("select count(p) from Prompt p where p.promptSet.id = :id", Long.class)
                .setParameter("id", id).getSingleResult();
        long rejected = em.createQuery("select count(r) from RejectedLine r where r.promptSet.id = :id", Long.class)
                .setParameter("id", id).getSingleResult();
        if (prompts == 0) {
            set.markFailed("no valid prompt in the file (" + rejected + " line(s) rejected)");
        } else {
            set.markReady((int) prompts, (int) rejected);
        }
        return set;
    }

    public void markFailed(long id, String error) {
        PromptSet set = em.find(PromptSet.class, id);
        if (set != null && set.getStatus() == PromptSet.Status.IMPORTING) {
            set.markFailed(error);
        }
    }

    /** Prompt counts per dimension in the official order; dimensions without prompts are left out. */
    public Map<String, Long> countsByDimension(long id) {
        Map<String, Long> raw = new LinkedHashMap<>();
        for (Object[] row : em.createQuery("select p.dimension, count(p) from Prompt p where p.promptSet.id = :id "
                + "group by p.dimension", Object[].class).setParameter("id", id).getResultList()) {
            raw.put((String) row[0], (Long) row[1]);
        }
        Map<String, Long> ordered = new LinkedHashMap<>();
        for (Dimension d : Dimension.values()) {
            if (raw.containsKey(d.label())) {
                ordered.put(d.label(), raw.get(d.label()));
            }
        }
        return ordered;
    }

    /**
     * Prompts of the set whose text (after trimming, as stored) another line of the set already has: the line
     * numbers of each such text, the first {@code maxGroups} texts in order of their first line, and how many lines
     * in all repeat an earlier one. Duplicates are kept (each is audited and counted, as the file says) and reported.
     */
    public record Duplicates(long repeatedLines, List<List<Integer>> groups) {
    }

    public Duplicates duplicates(long id, int maxGroups) {
        // one grouping pass over the set's prompts (an IN over a grouped subquery took minutes on PostgreSQL for
        // 60,000 prompts), then the lines of the first groups only
        List<Object[]> groups = em.createQuery("select p.text, count(p), min(p.lineNumber) from Prompt p "
                        + "where p.promptSet.id = :id group by p.text having count(p) > 1 order by min(p.lineNumber)",
                        Object[].class).setParameter("id", id).getResultList();
        long repeatedLines = groups.stream().mapToLong(g -> (Long) g[1] - 1).sum();
        List<String> texts = groups.stream().limit(maxGroups).map(g -> (String) g[0]).toList();
        Map<String, List<Integer>> byText = new LinkedHashMap<>();
        texts.forEach(t -> byText.put(t, new java.util.ArrayList<>()));
        if (!texts.isEmpty()) {
            for (Object[] row : em.createQuery("select p.text, p.lineNumber from Prompt p where p.promptSet.id = :id "
                    + "and p.text in :texts order by p.lineNumber", Object[].class).setParameter("id", id)
                    .setParameter("texts", texts).getResultList()) {
                byText.get((String) row[0]).add((Integer) row[1]);
            }
        }
        return new Duplicates(repeatedLines, List.copyOf(byText.values()));
    }

    /** One page of the set's rejected lines in line order ({@code page} from 0). */
    public List<RejectedLine> rejected(long id, int page, int size) {
        return em.createQuery("select r from RejectedLine r where r.promptSet.id = :id order by r.lineNumber",
                RejectedLine.class).setParameter("id", id).setFirstResult(page * size).setMaxResults(size)
                .getResultList();
    }

    public long countRejected(long id) {
        return em.createQuery("select count(r) from RejectedLine r where r.promptSet.id = :id", Long.class)
                .setParameter("id", id).getSingleResult();
    }

    /**
     * Marks FAILED the imports this node was running when it stopped (a crash or hard stop), so that posting the
     * same file again re-imports it. Returns their ids.
     */
    /** The sets this node was importing when it stopped (still IMPORTING): their imports are resumed at start-up. */
    public List<Long> interruptedImports(String node) {
        return em.createQuery("select s.id from PromptSet s where s.status = :s and s.nodeName = :node order by s.id",
                Long.class).setParameter("s", PromptSet.Status.IMPORTING).setParameter("node", node).getResultList();
    }

    /**
     * The highest line number stored for the set, as a prompt or a rejection (0 when none): an import's chunks commit
     * their lines together, so every line up to it is stored and the import resumes after it.
     */
    public long lastStoredLine(long setId) {
        Integer prompt = em.createQuery("select max(p.lineNumber) from Prompt p where p.promptSet.id = :id",
                Integer.class).setParameter("id", setId).getSingleResult();
        Integer rejected = em.createQuery("select max(r.lineNumber) from RejectedLine r where r.promptSet.id = :id",
                Integer.class).setParameter("id", setId).getSingleResult();
        return Math.max(prompt == null ? 0 : prompt, rejected == null ? 0 : rejected);
    }

    public List<PromptSet> list() {
        return em.createQuery("select s from PromptSet s order by s.id", PromptSet.class).getResultList();
    }
}
