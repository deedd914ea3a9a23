package org.flamesaudit.dataset;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** One validated prompt of a set, with the line of the file it came from. Immutable once imported. */
@Entity
@Table(name = "prompt")
public class Prompt {

    @Id
    @SequenceGenerator(name = "prompt_seq", sequenceName = "prompt_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "prompt_seq")
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "prompt_set_id", nullable = false)
    private PromptSet promptSet;

    @Column(name = "line_no", nullable = false)
    private int lineNumber;

    @Column(nullable = false)
    private String dimension;

    private String subcomponent;

    @Column(name = "prompt_text", nullable = false)
    private String text;

    /** The Annex A risk code the line named ({@link AnnexARisk#code()}), or null. */
    @Column(name = "risk_code")
    private String riskCode;

    /** The bank the line named ({@link BankKind#label()}), or null. */
    @Column(name = "bank_kind")
    private String bankKind;

    protected Prompt() {
    }

    public Prompt(PromptSet promptSet, int lineNumber, Dimension dimension, String subcomponent, String text) {
        this.promptSet = promptSet;
        this.lineNumber = lineNumber;
        this.dimension = dimension.label();
        this.subcomponent = subcomponent;
        this.text = text;
    }

    public Prompt(PromptSet promptSet, int lineNumber, Dimension dimension, String subcomponent, String text,
                  AnnexARisk risk, BankKind kind) {
        this(promptSet, lineNumber, dimension, subcomponent, text);
        this.riskCode = risk == null ? null : risk.code();
        this.bankKind = kind == null ? null : kind.label();
    }

    public Long getId() { return id; }
    public PromptSet getPromptSet() { return promptSet; }
    public int getLineNumber() { return lineNumber; }
    public Dimension getDimension() { return Dimension.requireLabel(dimension); }
    public String getSubcomponent() { return subcomponent; }
    public String getText() { return text; }
    /** The line's Annex A risk, or null when it named none. */
    public AnnexARisk getRisk() { return riskCode == null ? null : AnnexARisk.requireCode(riskCode); }
    /** The line's bank, or null when it named none. */
    public BankKind getKind() { return bankKind == null ? null : BankKind.fromLabel(bankKind).orElseThrow(); }
}
