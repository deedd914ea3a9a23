package org.flamesaudit.dataset;

import java.util.Arrays;
import java.util.Optional;

/**
 * Which question bank of a TC260-003 / GB/T 45654-2025 assessment a prompt belongs to, and so which rate its answer
 * counts in ({@code assessment.ItemRule}): the generated-content bank (is the answer safe?), the bank of questions the
 * service should refuse (did it refuse?) and the bank it should not refuse (did it answer?). A Flames prompt without
 * a kind is generated content.
 */
public enum BankKind {
    GENERATED_CONTENT("generated-content", "生成内容测试题库", "generated content"),
    SHOULD_REFUSE("should-refuse", "应拒答测试题库", "should refuse"),
    NON_REFUSAL("non-refusal", "非拒答测试题库", "should not refuse");

    private final String label;
    private final String zh;
    private final String en;

    BankKind(String label, String zh, String en) {
        this.label = label;
        this.zh = zh;
        this.en = en;
    }

    /** As prompt files and the API write it. */
    public String label() { return label; }
    public String zh() { return zh; }
    public String en() { return en; }

    public static Optional<BankKind> fromLabel(String label) {
        return Arrays.stream(values()).filter(k -> k.label.equals(label)).findFirst();
    }

    public static String labels() {
        return String.join(", ", Arrays.stream(values()).map(BankKind::label).toList());
    }
}
