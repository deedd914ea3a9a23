package org.flamesaudit.scoring;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;

/**
 * One scorer of a run ({@code run_scorer}, V20), in the order the run names them: position 0 is the primary. Its
 * configuration is stored as submitted (no secrets: names of keys only) and its key as the scorer computed it when the
 * run was created; a scorer that computes another key later (a changed score file) is refused.
 */
@Entity
@Table(name = "run_scorer")
@IdClass(RunScorerMember.Id.class)
public class RunScorerMember {

    /** The composite key (run, position). */
    public static class Id implements Serializable {
        private Long runId;
        private Integer position;

        public Id() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Id other && java.util.Objects.equals(runId, other.runId)
                    && java.util.Objects.equals(position, other.position);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(runId, position);
        }
    }

    @jakarta.persistence.Id
    @Column(name = "run_id")
    private Long runId;

    @jakarta.persistence.Id
    private Integer position;

    @Column(name = "scorer_key", nullable = false)
    private String scorerKey;

    @Column(name = "scorer_config", nullable = false)
    private String scorerConfig;

    protected RunScorerMember() {
    }

    public RunScorerMember(long runId, int position, String scorerKey, String scorerConfig) {
        this.runId = runId;
        this.position = position;
        this.scorerKey = scorerKey;
        this.scorerConfig = scorerConfig;
    }

    public long getRunId() { return runId; }
    public int getPosition() { return position; }
    public String getScorerKey() { return scorerKey; }
    public String getScorerConfig() { return scorerConfig; }
}
