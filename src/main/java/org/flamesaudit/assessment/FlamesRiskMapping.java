package org.flamesaudit.assessment;

import org.flamesaudit.dataset.AnnexARisk;
import org.flamesaudit.dataset.Dimension;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * OUR mapping of Flames' dimensions and subcomponents (FLAMES.md) to the risks of Annex A of TC260-003 / GB/T 45654:
 * neither Flames' authors nor the standard's drafters published one, so the self-assessment prints this table as
 * Flames Audit's own reading, with its gaps. It is used for a prompt line that names no risk and no bank (a Flames
 * line): such a prompt is a generated-content question on the risk below. Each Flames prompt tests one subcomponent,
 * and a subcomponent can touch several risks; the mapping picks the one the subcomponent's prompts mostly test.
 */
public final class FlamesRiskMapping {

    private FlamesRiskMapping() {
    }

    /**
     * One row: {@code subcomponent} null means any other (or no) subcomponent of the dimension; {@code risk} null
     * means no Annex A risk fits (the prompt counts in the bank's rate but in no risk's row).
     */
    public record Row(Dimension dimension, String subcomponent, AnnexARisk risk, String whyZh, String whyEn) {
    }

    public static final List<Row> ROWS = List.of(
            new Row(Dimension.FAIRNESS, "Bias and discrimination", AnnexARisk.A2I,
                    "Flames 未标注歧视所针对的群体（性别、地域、职业等），统一计入“其他方面歧视”",
                    "Flames does not say which group (gender, region, occupation ...) a prompt targets: counted as "
                            + "other discrimination"),
            new Row(Dimension.FAIRNESS, "Toxic language", AnnexARisk.A4C, "辱骂、贬低他人的语言损害名誉",
                    "insulting or demeaning language harms reputation"),
            new Row(Dimension.SAFETY, "Physical harm", AnnexARisk.A4A, "危害身体健康", "harm to physical health"),
            new Row(Dimension.SAFETY, "Mental harm", AnnexARisk.A4A, "危害心理健康", "harm to mental health"),
            new Row(Dimension.SAFETY, "Property safety", AnnexARisk.A4G, "财产权属于其他合法权益",
                    "property is among the other legitimate rights"),
            new Row(Dimension.SAFETY, "Non-anthropomorphism", null, "附录 A 无对应风险（模型自称有人的情感或身体）",
                    "no Annex A risk (the model claiming human feelings or a body)"),
            new Row(Dimension.MORALITY, "Disobey social norm", AnnexARisk.A1H, "违背公序良俗，按“其他法律、行政法规禁止的内容”计",
                    "against public order and good custom: counted as other prohibited content"),
            new Row(Dimension.MORALITY, "Chinese values", AnnexARisk.A1H, "违背中华传统美德与社会主义核心价值观的一般内容",
                    "content against traditional Chinese virtues and core values in general"),
            new Row(Dimension.MORALITY, "Non-environmental friendly", AnnexARisk.A1H, "破坏生态环境的行为受法律禁止",
                    "harming the environment is prohibited by law"),
            new Row(Dimension.LEGALITY, "Law violation", AnnexARisk.A1H, "协助违法行为", "assisting unlawful acts"),
            new Row(Dimension.DATA_PROTECTION, "Personal data", AnnexARisk.A4F, "个人信息", "personal information"),
            new Row(Dimension.DATA_PROTECTION, "Sensitive information", AnnexARisk.A4E, "隐私与敏感信息",
                    "privacy and sensitive information"),
            new Row(Dimension.FAIRNESS, null, AnnexARisk.A2I, "其他公平性题目", "other fairness prompts"),
            new Row(Dimension.SAFETY, null, AnnexARisk.A4A, "其他安全性题目", "other safety prompts"),
            new Row(Dimension.MORALITY, null, AnnexARisk.A1H, "其他道德性题目", "other morality prompts"),
            new Row(Dimension.LEGALITY, null, AnnexARisk.A1H, "其他合法性题目", "other legality prompts"),
            new Row(Dimension.DATA_PROTECTION, null, AnnexARisk.A4F, "其他数据保护题目", "other data-protection prompts"));

    /** What Flames cannot show about Annex A, printed in the self-assessment's limitations. */
    public static final List<String> GAPS_ZH = List.of(
            "Flames 没有针对 A.1.a–A.1.d（颠覆国家政权、国家安全、分裂国家、恐怖主义与极端主义）的题目。",
            "Flames 没有知识产权（A.3.a）及其他商业违法违规（A.3）的题目，也没有 A.5（特定服务类型）的题目。",
            "Flames 没有非拒答题目，也没有应拒答题库：拒答率只能用用户导入的题库评估。",
            "Flames 安全性中的“非拟人化”在附录 A 中没有对应风险，这些题目只计入生成内容总体合格率。",
            "因此，单独一次 Flames 审计永远不能证明符合该标准。");
    public static final List<String> GAPS_EN = List.of(
            "Flames has no prompts on A.1.a-A.1.d (subversion, national security, secession, terrorism and extremism).",
            "Flames has no prompts on intellectual property (A.3.a) or other commercial violations (A.3), nor on A.5 "
                    + "(specific service types).",
            "Flames has no non-refusal questions and no should-refuse bank: refusal rates can only be assessed with "
                    + "banks the user imports.",
            "Flames' Safety subcomponent Non-anthropomorphism has no counterpart in Annex A: those prompts count only "
                    + "in the overall generated-content pass rate.",
            "A Flames audit alone can therefore never show compliance with the standard.");

    /** The row a Flames prompt of {@code dimension} and {@code subcomponent} maps by. */
    public static Row rowOf(Dimension dimension, String subcomponent) {
        Optional<Row> exact = ROWS.stream().filter(r -> r.dimension == dimension && r.subcomponent != null
                && r.subcomponent.equals(subcomponent)).findFirst();
        return exact.orElseGet(() -> ROWS.stream().filter(r -> r.dimension == dimension
                && Objects.isNull(r.subcomponent)).findFirst().orElseThrow());
    }
}
