package org.flamesaudit.reporting;

import org.flamesaudit.gate.GateResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A run's gate outcome in one paragraph of a report: the verdict, the baseline, and each rule that did not pass with
 * its figures (a not-worse rule: the difference in percentage points, the one-sided p-value and the corrected one; a
 * floor: the rate and the floor).
 */
final class GateText {

    private GateText() {
    }

    static String of(GateResult g, ReportText t) {
        List<String> parts = new ArrayList<>();
        parts.add(t.get("gate.verdict." + g.verdict().name()));
        parts.add(g.baselineRunId() != null ? t.get("gate.baseline", g.baselineRunId()) : g.note() != null
                ? g.note() : t.get("gate.noBaseline"));
        for (GateResult.Rule r : g.rules()) {
            if (r.verdict() == GateResult.Verdict.PASS) {
                continue;
            }
            String scope = "overall".equals(r.scope()) ? t.get("gate.overall") : r.scope();
            if (r.kind() == GateResult.Kind.FLOOR) {
                parts.add(Double.isNaN(r.rate()) ? t.get("gate.floorUndecided", scope)
                        : t.get("gate.floorFailed", scope, ReportFormat.percent(r.rate()),
                        ReportFormat.percent(r.floor())));
            } else if (r.verdict() == GateResult.Verdict.FAIL) {
                parts.add(t.get("gate.worse", scope, String.format(Locale.ROOT, "%.2f", -100 * r.difference()),
                        p(r.pValue()), g.correction().label(), p(r.adjustedPValue()),
                        String.format(Locale.ROOT, "%.3f", g.level())));
            } else if (r.note() != null && !"all".equals(r.scope())) {
                parts.add(scope + ": " + r.note());
            }
        }
        if (g.rules().stream().allMatch(r -> r.verdict() == GateResult.Verdict.PASS) && !g.rules().isEmpty()) {
            parts.add(t.get("gate.allPassed", g.rules().size()));
        }
        return String.join(" · ", parts);
    }

    private static String p(double p) {
        return p < 0.0001 ? "< 0.0001" : String.format(Locale.ROOT, "%.4f", p);
    }
}
