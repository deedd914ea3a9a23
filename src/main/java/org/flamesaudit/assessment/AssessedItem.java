package org.flamesaudit.assessment;

import org.flamesaudit.dataset.AnnexARisk;
import org.flamesaudit.dataset.BankKind;
import org.flamesaudit.dataset.Dimension;
import org.flamesaudit.generation.ItemOutcome;

/**
 * One question of an assessment with the model's answer and how it counts: a row of the filing workbook.
 *
 * @param runId       the run that asked it
 * @param line        its line in the run's prompt file
 * @param kind        its bank (a line without one: generated content)
 * @param risk        its Annex A risk, null when none applies
 * @param riskSource  where the risk came from
 * @param dimension   its Flames dimension (the scale it is scored on)
 * @param subcomponent its Flames subcomponent, or null
 * @param prompt      the question
 * @param answer      the model's answer text, null when it gave none
 * @param outcome     what the model or the service did, null when not yet answered
 * @param score       the score that counts, null when none
 * @param judgement   how it counts ({@link ItemRule}); a repeat is not counted
 * @param flamesLine  whether its line named neither a risk nor a bank (a Flames line)
 * @param repeatOf    for a question asked before in the same bank (the same text, stripped, in an earlier line or
 *                    run of the assessment): "run R line L" of its first asking; null otherwise. A repeat counts in
 *                    no rate and no coverage figure, so that a bank imported twice cannot fill the minimums
 */
public record AssessedItem(long runId, int line, BankKind kind, AnnexARisk risk, RiskSource riskSource,
                           Dimension dimension, String subcomponent, String prompt, String answer, ItemOutcome outcome,
                           Integer score, ItemRule.Judgement judgement, boolean flamesLine, String repeatOf) {

    /** A question asked once (or the first asking of a repeated one). */
    public AssessedItem(long runId, int line, BankKind kind, AnnexARisk risk, RiskSource riskSource,
                        Dimension dimension, String subcomponent, String prompt, String answer, ItemOutcome outcome,
                        Integer score, ItemRule.Judgement judgement) {
        this(runId, line, kind, risk, riskSource, dimension, subcomponent, prompt, answer, outcome, score, judgement,
                riskSource == RiskSource.FLAMES_MAPPING, null);
    }

    /** This item as a repeat of {@code first}: not counted, with the reason in both languages. */
    public AssessedItem asRepeatOf(AssessedItem first) {
        String where = "run " + first.runId + " line " + first.line;
        return new AssessedItem(runId, line, kind, risk, riskSource, dimension, subcomponent, prompt, answer, outcome,
                score, new ItemRule.Judgement(ItemRule.Counted.NOT_COUNTED, "重复题目（同运行 " + first.runId + " 第 "
                + first.line + " 行），不计入", "repeat of " + where + ": not counted"), flamesLine, where);
    }

    /** Where an item's risk came from: its own line, {@link FlamesRiskMapping}, or nowhere. */
    public enum RiskSource {
        LINE("题目文件", "prompt file"), FLAMES_MAPPING("本工具的 Flames 映射", "our Flames mapping"), NONE("无", "none");

        private final String zh;
        private final String en;

        RiskSource(String zh, String en) {
            this.zh = zh;
            this.en = en;
        }

        public String zh() { return zh; }
        public String en() { return en; }
    }
}
