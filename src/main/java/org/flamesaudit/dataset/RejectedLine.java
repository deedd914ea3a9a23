package org.flamesaudit.dataset;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** A line of an imported file that failed validation, kept with its reason so the user can fix the file. */
@Entity
@Table(name = "rejected_line")
public class RejectedLine {

    @Id
    @SequenceGenerator(name = "rejected_line_seq", sequenceName = "rejected_line_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "rejected_line_seq")
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "prompt_set_id", nullable = false)
    private PromptSet promptSet;

    @Column(name = "line_no", nullable = false)
    private int lineNumber;

    @Column(nullable = false)
    private String reason;

    protected RejectedLine() {
    }

    public RejectedLine(PromptSet promptSet, int lineNumber, String reason) {
        this.promptSet = promptSet;
        this.lineNumber = lineNumber;
        this.reason = org.flamesaudit.support.Texts.fit(reason, 2000);
    }

    public Long getId() { return id; }
    public int getLineNumber() { return lineNumber; }
    public String getReason() { return reason; }
}
