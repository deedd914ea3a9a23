package org.flamesaudit.alert;

import java.util.Arrays;
import java.util.Optional;

/** What a run's alerts are sent on. */
public enum AlertEvent {
    /** The run ended COMPLETED or COMPLETED_WITH_FAILURES. */
    COMPLETED("completed"),
    /** The run ended without completing: halted by a circuit breaker, stopped, or failed. */
    HALTED("halted"),
    /** The run's gate failed ({@code gate.GateResult.Verdict#FAIL}). */
    GATE_FAILED("gate-failed");

    private final String label;

    AlertEvent(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<AlertEvent> fromLabel(String label) {
        return Arrays.stream(values()).filter(e -> e.label.equals(label)).findFirst();
    }

    public static String labels() {
        return String.join(", ", Arrays.stream(values()).map(AlertEvent::label).toList());
    }
}
