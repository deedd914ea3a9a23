package org.flamesaudit.auditlog;

import java.time.Instant;
import java.util.Map;

/**
 * One Envers revision of an API key's registration: who registered or changed the endpoints a key may be sent to,
 * or set or rotated the key, and when. {@code key} is the reference ({@code alias:deepseek},
 * {@code env:FLAMES_KEY_DEEPSEEK}); never the key itself.
 */
public record KeyChange(String key, long revision, ScheduleChange.Action action, String user, Instant at,
                        Map<String, ScheduleChange.Change> changes) implements AuditEvent {
}
