package org.flamesaudit.alert;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.flamesaudit.actionlog.Action;
import org.flamesaudit.actionlog.ActionLog;

/** Each webhook try in the audit log (ALERT_DELIVERED, ALERT_FAILED), in a transaction of its own. */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class AlertLog {

    @Inject
    ActionLog actions;

    /** {@code to}: "webhook https://..." or "e-mail to ..."; {@code status}: the HTTP status, 250 for a sent e-mail. */
    public void delivered(long runId, String to, AlertEvent event, String id, int attempt, int status) {
        actions.run(Action.ALERT_DELIVERED, runId, to + " · " + event.label() + " · delivery " + id
                + " · try " + attempt + (to.startsWith("webhook") ? " · HTTP " + status : " · sent"));
    }

    public void failed(long runId, String to, AlertEvent event, String id, int attempt, String why, boolean retry) {
        actions.run(Action.ALERT_FAILED, runId, to + " · " + event.label() + " · delivery " + id
                + " · try " + attempt + " of " + Alerts.MAX_ATTEMPTS + " · " + org.flamesaudit.support.Texts.fit(why, 300)
                + (retry ? " · will try again" : " · given up"));
    }
}
