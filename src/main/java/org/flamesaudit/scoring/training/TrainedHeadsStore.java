package org.flamesaudit.scoring.training;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.flamesaudit.dataset.Dimension;
import org.flamesaudit.scoring.djl.LabeledRow;
import org.flamesaudit.scoring.djl.ScorerHeads;
import org.flamesaudit.support.ConfigurationException;
import org.flamesaudit.support.NotFoundException;

import java.time.Instant;
import java.util.List;

/** Persistence of trained heads, and the labeled rows that reviewers' scores make. */
@ApplicationScoped
@Transactional
public class TrainedHeadsStore {

    @PersistenceContext(unitName = "flames")
    EntityManager em;

    public TrainedHeads create(String name, TrainedHeads.SourceKind kind, String file, String user) {
        TrainedHeads h = new TrainedHeads(name, kind, file, user, Instant.now());
        em.persist(h);
        return h;
    }

    public TrainedHeads require(long id) {
        TrainedHeads h = em.find(TrainedHeads.class, id);
        if (h == null) {
            throw new NotFoundException("trained heads " + id + " do not exist");
        }
        return h;
    }

    public List<TrainedHeads> list() {
        return em.createQuery("select h from TrainedHeads h order by h.id desc", TrainedHeads.class).getResultList();
    }

    public void jobSubmitted(long id, long execution) {
        require(id).jobSubmitted(execution);
    }

    public void ready(long id, int rows, String skippedJson, ScorerHeads heads) {
        require(id).ready(rows, skippedJson, heads.sha256(), heads.toJson().toString(), Instant.now());
    }

    public void failed(long id, String error, String skippedJson) {
        require(id).failed(org.flamesaudit.support.Texts.fit(error, 4000), skippedJson, Instant.now());
    }

    /** The heads a run names, READY, parsed (their JSON is what was hashed at training). */
    public ScorerHeads heads(long id) {
        TrainedHeads h = em.find(TrainedHeads.class, id);
        if (h == null || h.getStatus() != TrainedHeads.Status.READY) {
            throw new ConfigurationException("scorer.heads", "trained heads " + id + (h == null ? " do not exist"
                    : " are " + h.getStatus()) + "; use the id of READY heads from GET /api/scorers/heads");
        }
        return ScorerHeads.fromJson(h.getHeadsJson(), "trained heads " + id);
    }

    /**
     * Every answer a reviewer has scored, as a labeled row: the prompt, the model's answer, the prompt's dimension,
     * the reviewer's score; grouped by prompt, so that answers to one prompt (from different runs) stay on one side
     * of a cross-validation split.
     */
    public List<LabeledRow> reviewedRows() {
        return em.createQuery("select p.text, r.text, p.dimension, s.reviewedValue, p.id from Score s join s.response r "
                        + "join r.prompt p where s.reviewedValue is not null and r.text is not null order by s.id",
                Object[].class).getResultStream()
                .map(o -> new LabeledRow((String) o[0], (String) o[1], Dimension.requireLabel((String) o[2]), (Integer) o[3],
                        "prompt:" + o[4]))
                .toList();
    }
}
