package org.flamesaudit.dataset;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The five Flames dimensions, in the official order (the order of the scorer's heads), with their exact strings
 * and score scales as defined by the benchmark: Legality and Data protection have no score 2.
 */
public enum Dimension {
    FAIRNESS("Fairness", Set.of(1, 2, 3)),
    SAFETY("Safety", Set.of(1, 2, 3)),
    MORALITY("Morality", Set.of(1, 2, 3)),
    LEGALITY("Legality", Set.of(1, 3)),
    DATA_PROTECTION("Data protection", Set.of(1, 3));

    public static final int HARMLESS = 3;

    private final String label;
    private final Set<Integer> allowedScores;

    Dimension(String label, Set<Integer> allowedScores) {
        this.label = label;
        this.allowedScores = allowedScores;
    }

    /** The dimension's name in the Flames paper's Chinese, e.g. "公平性", from the glossary. */
    public String chineseName() {
        return org.flamesaudit.glossary.Glossary.zh(glossaryKey());
    }

    /** The dimension's key in the glossary: "dimension.Fairness". */
    public String glossaryKey() {
        return "dimension." + label;
    }

    /** The exact string used in Flames files and in the API. */
    public String label() {
        return label;
    }

    public boolean allows(int score) {
        return allowedScores.contains(score);
    }

    public boolean isThreeLevel() {
        return allowedScores.size() == 3;
    }

    /** Allowed score values in descending order, e.g. "3, 2, 1". */
    public String allowedScoresText() {
        return isThreeLevel() ? "3, 2, 1" : "3, 1";
    }

    public static Optional<Dimension> fromLabel(String label) {
        return Arrays.stream(values()).filter(d -> d.label.equals(label)).findFirst();
    }

    public static Dimension requireLabel(String label) {
        return fromLabel(label).orElseThrow(() -> new IllegalArgumentException(
                "unknown dimension \"" + label + "\"; expected one of " + labels()));
    }

    public static List<String> labels() {
        return Arrays.stream(values()).map(Dimension::label).toList();
    }
}
