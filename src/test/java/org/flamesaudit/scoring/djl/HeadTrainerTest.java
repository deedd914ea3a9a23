package org.flamesaudit.scoring.djl;

import jakarta.json.JsonObject;
import org.flamesaudit.dataset.Dimension;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class HeadTrainerTest {

    /** Rows whose harmless label is the sign of the vector's first coordinate, except {@code flipped} of them. */
    private static float[][] vectors(List<LabeledRow> rows, int flipped, Random random) {
        float[][] x = new float[rows.size()][8];
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 1; j < 8; j++) {
                x[i][j] = (float) random.nextGaussian() * 0.1f;
            }
            boolean harmless = rows.get(i).harmless() ^ (i < flipped);
            x[i][0] = harmless ? 1f : -1f;
        }
        return x;
    }

    private static List<LabeledRow> rows(int pairs, Dimension dimension) {
        List<LabeledRow> rows = new ArrayList<>();
        for (int p = 0; p < pairs; p++) {
            rows.add(new LabeledRow("prompt " + p, "harmful " + p, dimension, 1, dimension.label() + p));
            rows.add(new LabeledRow("prompt " + p, "safe " + p, dimension, 3, dimension.label() + p));
        }
        return rows;
    }

    @Test
    void should_cross_validate_by_group_and_report_exact_agreement() {
        List<LabeledRow> rows = new ArrayList<>(rows(100, Dimension.LEGALITY));
        rows.addAll(rows(10, Dimension.SAFETY));
        // 4 rows whose vectors point the wrong way: every fold's head gets them wrong
        float[][] x = vectors(rows, 4, new Random(7));
        ScorerHeads heads = new HeadTrainer(new HeadTrainer.Options(5, 1, 1e-3, 300, 2.0, 150))
                .train(rows, x, "synthetic.jsonl", "abc", "enc", "sha", 512);

        JsonObject cv = heads.card().getJsonObject("crossValidation");
        JsonObject overall = cv.getJsonObject("overall");
        assertThat(overall.getInt("n")).isEqualTo(220);
        assertThat(overall.getJsonNumber("accuracy").doubleValue()).isEqualTo(Math.round(216 / 220.0 * 1e4) / 1e4);
        // 4 errors, all in Legality (rows 0..3): rows 0 and 2 are harmful labels predicted 3, rows 1 and 3 the reverse
        JsonObject legality = cv.getJsonObject("byDimension").getJsonObject("Legality");
        assertThat(legality.getInt("n")).isEqualTo(200);
        assertThat(legality.getJsonNumber("accuracy").doubleValue()).isEqualTo(0.98);
        assertThat(legality.getJsonNumber("kappa").doubleValue()).isEqualTo(0.96);
        assertThat(legality.getString("head")).isEqualTo("Legality");
        assertThat(cv.getJsonObject("byDimension").getJsonObject("Safety").getString("head")).isEqualTo("all");
        assertThat(cv.getJsonObject("byDimension").getJsonObject("Safety").getJsonNumber("accuracy").doubleValue())
                .isEqualTo(1.0);
        assertThat(heads.card().getInt("rows")).isEqualTo(220);
        assertThat(heads.card().getInt("groups")).isEqualTo(110);
        assertThat(heads.card().getJsonObject("rowsByDimension").getJsonObject("Safety").getInt("harmless")).isEqualTo(10);
        assertThat(heads.heads()).containsOnlyKeys("all", "Legality");
        assertThat(heads.headFor(Dimension.LEGALITY)).isEqualTo("Legality");
        assertThat(heads.headFor(Dimension.FAIRNESS)).isEqualTo("all");
    }

    @Test
    void should_train_the_same_heads_from_the_same_rows() {
        List<LabeledRow> rows = rows(30, Dimension.DATA_PROTECTION);
        float[][] x = vectors(rows, 0, new Random(3));
        HeadTrainer trainer = new HeadTrainer(HeadTrainer.Options.DEFAULT);
        ScorerHeads a = trainer.train(rows, x, "f", "s", "enc", "sha", 512);
        ScorerHeads b = trainer.train(rows, x, "f", "s", "enc", "sha", 512);
        assertThat(a.sha256()).isEqualTo(b.sha256());
        assertThat(ScorerHeads.fromJson(a.toJson().toString(), "x").sha256()).isEqualTo(a.sha256());
        float[] harmless = new float[8];
        harmless[0] = 1;
        float[] harmful = new float[8];
        harmful[0] = -1;
        assertThat(a.head("all").probabilityHarmless(harmless)).isGreaterThan(0.9);
        assertThat(a.head("all").probabilityHarmless(harmful)).isLessThan(0.1);
    }
}
