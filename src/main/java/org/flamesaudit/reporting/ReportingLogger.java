package org.flamesaudit.reporting;

import org.jboss.logging.BasicLogger;
import org.jboss.logging.annotations.Cause;
import org.jboss.logging.annotations.LogMessage;
import org.jboss.logging.annotations.Message;
import org.jboss.logging.annotations.MessageLogger;
import org.jboss.logging.annotations.ValidIdRange;

import static org.jboss.logging.Logger.Level.ERROR;
import static org.jboss.logging.Logger.Level.INFO;
import static org.jboss.logging.Logger.Level.WARN;

/**
 * The server-log messages of {@code org.flamesaudit.reporting} (and its subpackages): ids FLAMES001600 to
 * FLAMES001699, this package's own range ({@link #FIRST_ID}-{@link #LAST_ID}: the processor refuses an id
 * outside it; every package's range is in the README, "Log messages"; MessageIdsTest fails the build on an id
 * used twice or a range shared). Each class logs under its own name as category:
 * {@code Logger.getMessageLogger(MethodHandles.lookup(), ReportingLogger.class, TheClass.class.getName())}.
 */
@MessageLogger(projectCode = "FLAMES")
@ValidIdRange(min = ReportingLogger.FIRST_ID, max = ReportingLogger.LAST_ID)
public interface ReportingLogger extends BasicLogger {

    int FIRST_ID = 1600;
    int LAST_ID = 1699;

    @LogMessage(level = INFO)
    @Message(id = 1600, value = "run %s: no formal report is rendered: %s")
    void noFormalReport(long runId, String reason);

    @LogMessage(level = ERROR)
    @Message(id = 1601, value = "run %1$s: its metrics are final but its reports could not be rendered; render "
            + "them again with POST /api/runs/%1$s/reports")
    void reportsNotRendered(long runId, @Cause Throwable cause);

    @LogMessage(level = INFO)
    @Message(id = 1602, value = "run %s: report job started, execution %s")
    void reportJobStarted(long runId, long jobExecution);

    @LogMessage(level = INFO)
    @Message(id = 1603, value = "run %s: rendered %s report %s (%s bytes, %s ms, sha256 %s)")
    void reportRendered(long runId, Object format, String reportId, int bytes, long ms, String sha256);

    @LogMessage(level = INFO)
    @Message(id = 1604, value = "rendered comparison %s of runs %s (%s bytes, %s ms)")
    void comparisonRendered(String reportId, Object runIds, int bytes, long ms);

    @LogMessage(level = WARN)
    @Message(id = 1605, value = "PDF reports are NOT signed: no credential store password is set "
            + "(FLAMES_CREDENTIAL_STORE_PASSWORD); set it to sign every report (README, Verifying a report)")
    void reportsUnsigned();

    @LogMessage(level = WARN)
    @Message(id = 1606, value = "created a self-signed report signing key in %s (certificate \"%s\", SHA-256 %s), its "
            + "password under the alias %s of the credential store; fine for a demo, install your organisation's key "
            + "for real reports (README, Verifying a report)")
    void selfSignedKeyCreated(Object keystore, String subject, String fingerprint, String alias);

    @LogMessage(level = INFO)
    @Message(id = 1607, value = "PDF reports are signed with \"%s\" (certificate SHA-256 %s, valid until %s) from %s")
    void signingKeyLoaded(String subject, String fingerprint, Object notAfter, Object keystore);
}
