package org.flamesaudit.dataset;

import org.jboss.logging.BasicLogger;
import org.jboss.logging.annotations.LogMessage;
import org.jboss.logging.annotations.Message;
import org.jboss.logging.annotations.MessageLogger;
import org.jboss.logging.annotations.ValidIdRange;

import static org.jboss.logging.Logger.Level.INFO;
import static org.jboss.logging.Logger.Level.WARN;

/**
 * The server-log messages of {@code org.flamesaudit.dataset} (and its subpackages): ids FLAMES001400 to
 * FLAMES001499, this package's own range ({@link #FIRST_ID}-{@link #LAST_ID}: the processor refuses an id
 * outside it; every package's range is in the README, "Log messages"; MessageIdsTest fails the build on an id
 * used twice or a range shared). Each class logs under its own name as category:
 * {@code Logger.getMessageLogger(MethodHandles.lookup(), DatasetLogger.class, TheClass.class.getName())}.
 */
@MessageLogger(projectCode = "FLAMES")
@ValidIdRange(min = DatasetLogger.FIRST_ID, max = DatasetLogger.LAST_ID)
public interface DatasetLogger extends BasicLogger {

    int FIRST_ID = 1400;
    int LAST_ID = 1499;

    @LogMessage(level = INFO)
    @Message(id = 1400, value = "dataset with SHA-256 %s already imported as id %s")
    void alreadyImported(String sha256, Object datasetId);

    @LogMessage(level = INFO)
    @Message(id = 1401, value = "import of dataset %s started as job execution %s")
    void importStarted(long datasetId, long jobExecution);

    @LogMessage(level = INFO)
    @Message(id = 1402, value = "dataset %s (%s v%s) %s: %s prompts, %s rejected")
    void importFinished(Object datasetId, String name, Object version, Object status, Object prompts, Object rejected);

    @LogMessage(level = WARN)
    @Message(id = 1403, value = "import of dataset %s was interrupted by a server stop; resumed as job execution %s "
            + "after line %s (the lines stored before the stop are kept)")
    void importResumed(long datasetId, long jobExecution, long afterLine);
}
