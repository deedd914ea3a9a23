package org.flamesaudit.auditchain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The result of {@link AuditChain#verify}: valid when every entry, the head and every anchor check out.
 *
 * @param valid       no entry broken, the head at the chain's end, every anchor matched
 * @param entries     the number of entries read
 * @param head        the head row as stored
 * @param firstBroken the first broken entry (lowest seq), or the head when only it is wrong; null when none
 * @param broken      how many entries (and the head) are broken
 * @param anchors     each anchor asked for, matched or not
 * @param unchained   audit-log rows without an entry, per source: written a moment ago (Envers revisions are
 *                    sealed just after their transaction) or inserted into the database behind the application
 * @param unchainedRows the first 20 of them
 * @param late        entries whose row says it was written more than {@link AuditChain#LATE} before it was
 *                    chained (the first seal's rows, written before the chain existed, excepted): rows inserted
 *                    behind the application's back and back-dated, which a later seal then chained, or written by a
 *                    transaction that ran that long. The chain cannot tell which; it shows them
 * @param lateRows    the first 20 of them
 * @param checkedAt   when the verification ran
 */
public record ChainVerification(boolean valid, long entries, AuditChain.Head head, Problem firstBroken, int broken,
                                List<AnchorCheck> anchors, Map<String, Long> unchained, List<Row> unchainedRows,
                                long late, List<Row> lateRows, Instant checkedAt) {

    /** How an entry is broken. */
    public enum Kind {
        /** The row the entry records was changed after it was chained. */
        CONTENT_CHANGED,
        /** The row the entry records was deleted. */
        ROW_DELETED,
        /** The entry's own fields were changed: its entry hash does not follow from them. */
        ENTRY_ALTERED,
        /** The entry's previous hash is not the entry hash of the entry before it. */
        LINK_BROKEN,
        /** Entries before it are missing (seq is not consecutive). */
        ENTRY_MISSING,
        /** The head row does not name the chain's last entry: entries were removed from or added to its end. */
        HEAD_MISMATCH
    }

    /** One broken entry: its seq, the row it records (source and id; null for the head) and what is wrong. */
    public record Problem(long seq, String source, Long sourceId, Kind kind, String detail) {
    }

    /** One anchor (a report's printed head): whether the chain still has that hash at that seq. */
    public record AnchorCheck(long seq, String hash, boolean matches, String detail) {
    }

    /** An audit-log row: its source and id. */
    public record Row(String source, long id) {
    }
}
