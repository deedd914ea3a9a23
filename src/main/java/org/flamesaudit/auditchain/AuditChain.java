package org.flamesaudit.auditchain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.flamesaudit.support.AppConfig;
import org.hibernate.Session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tamper-evident audit log: a hash chain over every audit-log row ({@link ChainSource}).
 *
 * <p>Entry {@code n} stores {@code content_hash} = SHA-256 of the row's content ({@link ChainContent}),
 * {@code previous_hash} = the entry hash of entry {@code n-1} (64 zeros for entry 1), and {@code entry_hash} =
 * SHA-256 of {@code "<n>\n<source>\n<source id>\n<content_hash>\n<previous_hash>\n"}. Editing a row changes its
 * content hash; editing an entry changes its entry hash, which no longer matches the next entry's previous hash;
 * rewriting the chain from an entry on changes the entry hashes a signed report printed as its anchor (the head at
 * its rendering). This is the construction of RFC 6962's (Certificate Transparency) and of git's linked hashes,
 * kept linear because the log is read in order.
 *
 * <p>{@link #seal()} appends every row not yet chained, oldest first, under a lock of the one head row: writers of
 * reviews, logins, acceptances and actions call it in their own transaction, so their row and its entry commit
 * together; Envers revisions, written at the very end of a transaction, are sealed just after it commits
 * ({@link ChainSealer}). Rows written before the chain existed are chained by the first seal (its genesis).
 */
@ApplicationScoped
@Transactional
public class AuditChain {

    /** The previous hash of the first entry, and the head's hash while the chain is empty. */
    public static final String GENESIS = "0".repeat(64);

    private static final int BATCH = 2000;
    private static final int UNCHAINED_LISTED = 20;

    @PersistenceContext(unitName = "flames")
    EntityManager em;

    /** The chain's last entry: what a report prints as its anchor. */
    public record Head(long seq, String hash, Instant at) {
    }

    /** How far back a writer's seal looks for rows without an entry: its own, and any a crash left. */
    public static final java.time.Duration RECENT = java.time.Duration.ofMinutes(15);

    /**
     * Appends an entry for every audit-log row of the last {@link #RECENT} minutes that has none, in the caller's
     * transaction (one is started when there is none), oldest row first. Only recent rows: the cost of a writer's
     * seal, under the head's lock, does not grow with the log ({@link #sealAll} chains older ones at start-up).
     *
     * @return the number of entries appended
     */
    public int seal() {
        return seal(RECENT);
    }

    /** {@link #seal()} over the rows written in the last {@code window}. */
    public int seal(java.time.Duration window) {
        em.flush();
        Instant since = Instant.now().minus(window);
        return em.unwrap(Session.class).doReturningWork(c -> seal(c, since));
    }

    /** Appends an entry for every audit-log row that has none, whenever it was written (start-up, genesis). */
    public int sealAll() {
        em.flush();
        return em.unwrap(Session.class).doReturningWork(c -> seal(c, null));
    }

    private Head head(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, entry_hash, updated_at FROM audit_chain_head "
                + "WHERE id = 1"); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? new Head(rs.getLong(1), rs.getString(2).strip(), instant(rs.getTimestamp(3)))
                    : new Head(-1, "(no head row)", null);
        }
    }

    /** The chain's last entry as the head row records it (seq 0 and {@link #GENESIS} while it is empty). */
    public Head head() {
        Object[] row = (Object[]) em.createNativeQuery("SELECT seq, entry_hash, updated_at FROM audit_chain_head "
                + "WHERE id = 1").getSingleResult();
        return new Head(((Number) row[0]).longValue(), ((String) row[1]).strip(), instant(row[2]));
    }

    private record Pending(ChainSource source, long id, long time) {
    }

    private int seal(Connection c, Instant since) throws SQLException {
        long seq;
        String previous;
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, entry_hash FROM audit_chain_head WHERE id = 1 "
                + "FOR UPDATE"); ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new IllegalStateException("audit_chain_head has no row 1: the database was changed outside "
                        + "the application's migrations (V24__audit_chain.sql inserts it)");
            }
            seq = rs.getLong(1);
            previous = rs.getString(2).strip();
        }
        List<Pending> pending = new ArrayList<>();
        for (ChainSource s : ChainSource.values()) {
            String sql = "SELECT t.id, t." + s.timeColumn() + " FROM " + s.table().name() + " t WHERE "
                    + (since == null ? "" : "t." + s.timeColumn() + " >= ? AND ") + "NOT EXISTS "
                    + "(SELECT 1 FROM audit_chain c WHERE c.source = ? AND c.source_id = t.id)";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int p = 1;
                if (since != null) {
                    if (s.epochMillis()) {
                        ps.setLong(p++, since.toEpochMilli());
                    } else {
                        ps.setTimestamp(p++, Timestamp.from(since));
                    }
                }
                ps.setString(p, s.code());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long time = s.epochMillis() ? rs.getLong(2) : rs.getTimestamp(2).getTime();
                        pending.add(new Pending(s, rs.getLong(1), time));
                    }
                }
            }
        }
        if (pending.isEmpty()) {
            return 0;
        }
        pending.sort(Comparator.comparingLong(Pending::time).thenComparing(Pending::source)
                .thenComparingLong(Pending::id));
        Map<ChainSource, List<Long>> ids = new EnumMap<>(ChainSource.class);
        pending.forEach(p -> ids.computeIfAbsent(p.source(), k -> new ArrayList<>()).add(p.id()));
        Map<ChainSource, Map<Long, String>> contents = new EnumMap<>(ChainSource.class);
        for (var e : ids.entrySet()) {
            contents.put(e.getKey(), ChainContent.read(c, e.getKey(), e.getValue()));
        }
        Timestamp now = Timestamp.from(Instant.now());
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO audit_chain (seq, source, source_id, "
                + "content_hash, previous_hash, entry_hash, chained_at, node_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Pending p : pending) {
                String content = contents.get(p.source()).get(p.id());
                seq++;
                String contentHash = org.flamesaudit.support.Sha256.of(content);
                String entryHash = entryHash(seq, p.source().code(), p.id(), contentHash, previous);
                insert.setLong(1, seq);
                insert.setString(2, p.source().code());
                insert.setLong(3, p.id());
                insert.setString(4, contentHash);
                insert.setString(5, previous);
                insert.setString(6, entryHash);
                insert.setTimestamp(7, now);
                insert.setString(8, AppConfig.nodeName());
                insert.addBatch();
                previous = entryHash;
            }
            insert.executeBatch();
        }
        try (PreparedStatement update = c.prepareStatement("UPDATE audit_chain_head SET seq = ?, entry_hash = ?, "
                + "updated_at = ? WHERE id = 1")) {
            update.setLong(1, seq);
            update.setString(2, previous);
            update.setTimestamp(3, now);
            update.executeUpdate();
        }
        return pending.size();
    }

    /** The entry hash of entry {@code seq} (see the class comment). */
    public static String entryHash(long seq, String source, long sourceId, String contentHash, String previousHash) {
        return org.flamesaudit.support.Sha256.of(seq + "\n" + source + "\n" + sourceId + "\n" + contentHash + "\n"
                + previousHash + "\n");
    }

    /** A reference to one entry a report printed: its seq and entry hash. */
    public record Anchor(long seq, String hash) {
    }

    /**
     * Recomputes the whole chain from the rows as they are now: each entry's content hash from its row, its entry
     * hash from its fields, its link to the entry before it, the head, and each of {@code anchors}. Reads in
     * batches of 2,000 entries; writes nothing (in a transaction all the same: outside one, the server's datasource
     * hands Hibernate's work a connection per statement).
     */
    public ChainVerification verify(List<Anchor> anchors) {
        return em.unwrap(Session.class).doReturningWork(c -> verify(c, anchors));
    }

    private record Entry(long seq, String source, long sourceId, String contentHash, String previousHash,
                         String entryHash, long chainedAt) {
    }

    /**
     * A row chained more than this after it was written was not written through the application (whose writers
     * chain their rows in their own transaction, or seconds after it): {@link ChainVerification#late()}.
     */
    public static final java.time.Duration LATE = java.time.Duration.ofMinutes(10);

    /** When each of {@code ids}' rows says it was written, in epoch milliseconds, by id. */
    private static Map<Long, Long> rowTimes(Connection c, ChainSource s, List<Long> ids) throws SQLException {
        Map<Long, Long> times = new HashMap<>();
        for (int from = 0; from < ids.size(); from += 500) {
            List<Long> chunk = ids.subList(from, Math.min(from + 500, ids.size()));
            try (PreparedStatement ps = c.prepareStatement("SELECT id, " + s.timeColumn() + " FROM "
                    + s.table().name() + " WHERE id IN (" + "?,".repeat(chunk.size() - 1) + "?)")) {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setLong(i + 1, chunk.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        times.put(rs.getLong(1), s.epochMillis() ? rs.getLong(2) : rs.getTimestamp(2).getTime());
                    }
                }
            }
        }
        return times;
    }

    private ChainVerification verify(Connection c, List<Anchor> anchors) throws SQLException {
        // the head first: entries a seal appends while this runs lie beyond it and are left for the next check
        Head head = head(c);
        Map<Long, String> anchorSeqs = new HashMap<>();
        anchors.forEach(a -> anchorSeqs.put(a.seq(), null));
        List<ChainVerification.Problem> problems = new ArrayList<>();
        List<ChainVerification.Row> late = new ArrayList<>();
        long lateCount = 0;
        Long genesisAt = null; // the first seal's time: the rows written before the chain existed were chained then
        int broken = 0;
        String previous = GENESIS;
        long expected = 1;
        long entries = 0;
        long last = 0;
        while (true) {
            List<Entry> batch = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT seq, source, source_id, content_hash, "
                    + "previous_hash, entry_hash, chained_at FROM audit_chain WHERE seq > ? AND seq <= ? ORDER BY seq")) {
                ps.setLong(1, last);
                ps.setLong(2, head.seq());
                ps.setMaxRows(BATCH);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        batch.add(new Entry(rs.getLong(1), rs.getString(2), rs.getLong(3),
                                rs.getString(4).strip(), rs.getString(5).strip(), rs.getString(6).strip(),
                                rs.getTimestamp(7).getTime()));
                    }
                }
            }
            if (batch.isEmpty()) {
                break;
            }
            Map<ChainSource, List<Long>> ids = new EnumMap<>(ChainSource.class);
            for (Entry e : batch) {
                ChainSource s = ChainSource.of(e.source());
                if (s != null) {
                    ids.computeIfAbsent(s, k -> new ArrayList<>()).add(e.sourceId());
                }
            }
            Map<ChainSource, Map<Long, String>> contents = new EnumMap<>(ChainSource.class);
            Map<ChainSource, Map<Long, Long>> times = new EnumMap<>(ChainSource.class);
            for (var e : ids.entrySet()) {
                contents.put(e.getKey(), ChainContent.read(c, e.getKey(), e.getValue()));
                times.put(e.getKey(), rowTimes(c, e.getKey(), e.getValue()));
            }
            if (genesisAt == null) {
                genesisAt = batch.get(0).chainedAt();
            }
            for (Entry e : batch) {
                ChainSource known = ChainSource.of(e.source());
                Long written = known == null ? null : times.get(known).get(e.sourceId());
                if (written != null && e.chainedAt() != genesisAt && written < e.chainedAt() - LATE.toMillis()) {
                    lateCount++;
                    if (late.size() < UNCHAINED_LISTED) {
                        late.add(new ChainVerification.Row(e.source(), e.sourceId()));
                    }
                }
                ChainSource s = ChainSource.of(e.source());
                ChainVerification.Problem problem = null;
                if (e.seq() != expected) {
                    problem = problem(e, ChainVerification.Kind.ENTRY_MISSING, "entries " + expected + " to "
                            + (e.seq() - 1) + " are missing from the chain");
                } else if (!e.previousHash().equals(previous)) {
                    problem = problem(e, ChainVerification.Kind.LINK_BROKEN, "its previous hash "
                            + e.previousHash() + " is not the entry hash of entry " + (e.seq() - 1) + ", " + previous);
                } else if (!entryHash(e.seq(), e.source(), e.sourceId(), e.contentHash(), e.previousHash())
                        .equals(e.entryHash())) {
                    problem = problem(e, ChainVerification.Kind.ENTRY_ALTERED, "its entry hash does not follow from "
                            + "its seq, source, source id, content hash and previous hash");
                } else if (s == null) {
                    problem = problem(e, ChainVerification.Kind.ENTRY_ALTERED, "its source \"" + e.source()
                            + "\" is none the application writes");
                } else {
                    String content = contents.get(s).get(e.sourceId());
                    if (content == null) {
                        problem = problem(e, ChainVerification.Kind.ROW_DELETED, "the " + s.table().name()
                                + " row " + e.sourceId() + " it records is no longer in the database");
                    } else if (!org.flamesaudit.support.Sha256.of(content).equals(e.contentHash())) {
                        problem = problem(e, ChainVerification.Kind.CONTENT_CHANGED, "the " + s.table().name()
                                + " row " + e.sourceId() + " was changed after it was recorded: its content hash "
                                + "is now " + org.flamesaudit.support.Sha256.of(content) + ", recorded " + e.contentHash());
                    }
                }
                if (problem != null) {
                    broken++;
                    if (problems.isEmpty()) {
                        problems.add(problem);
                    }
                }
                if (anchorSeqs.containsKey(e.seq())) {
                    anchorSeqs.put(e.seq(), e.entryHash());
                }
                previous = e.entryHash();
                expected = e.seq() + 1;
                last = e.seq();
                entries++;
            }
        }
        ChainVerification.Problem headProblem = null;
        if (head.seq() != last || !head.hash().equals(previous)) {
            broken++;
            headProblem = new ChainVerification.Problem(head.seq(), null, null, ChainVerification.Kind.HEAD_MISMATCH,
                    "the head records entry " + head.seq() + " with hash " + head.hash() + ", the chain ends at "
                            + "entry " + last + " with hash " + previous + ": entries were removed or added outside "
                            + "the application");
        }
        List<ChainVerification.AnchorCheck> checks = new ArrayList<>();
        for (Anchor a : anchors) {
            String found = anchorSeqs.get(a.seq());
            String hash = a.hash().strip().toLowerCase(java.util.Locale.ROOT);
            checks.add(found == null
                    ? new ChainVerification.AnchorCheck(a.seq(), hash, false, "the chain has no entry " + a.seq())
                    : new ChainVerification.AnchorCheck(a.seq(), hash, found.equals(hash), found.equals(hash)
                    ? "entry " + a.seq() + " has this hash"
                    : "entry " + a.seq() + " has the hash " + found + ": the chain was rewritten after the anchor"));
        }
        Map<String, Long> unchainedCounts = new java.util.LinkedHashMap<>();
        List<ChainVerification.Row> unchained = new ArrayList<>();
        for (ChainSource s : ChainSource.values()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT t.id FROM " + s.table().name() + " t WHERE NOT "
                    + "EXISTS (SELECT 1 FROM audit_chain c WHERE c.source = ? AND c.source_id = t.id) ORDER BY t.id")) {
                ps.setString(1, s.code());
                try (ResultSet rs = ps.executeQuery()) {
                    long n = 0;
                    while (rs.next()) {
                        if (unchained.size() < UNCHAINED_LISTED) {
                            unchained.add(new ChainVerification.Row(s.code(), rs.getLong(1)));
                        }
                        n++;
                    }
                    if (n > 0) {
                        unchainedCounts.put(s.code(), n);
                    }
                }
            }
        }
        ChainVerification.Problem first = problems.isEmpty() ? headProblem : problems.get(0);
        boolean anchorsMatch = checks.stream().allMatch(ChainVerification.AnchorCheck::matches);
        return new ChainVerification(broken == 0 && anchorsMatch, entries, head, first, broken, checks,
                unchainedCounts, unchained, lateCount, late, Instant.now());
    }

    private static ChainVerification.Problem problem(Entry e, ChainVerification.Kind kind, String detail) {
        return new ChainVerification.Problem(e.seq(), e.source(), e.sourceId(), kind, detail);
    }

    private static Instant instant(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Timestamp t) {
            return t.toInstant();
        }
        if (v instanceof java.time.LocalDateTime t) {
            return t.atZone(java.time.ZoneId.systemDefault()).toInstant();
        }
        if (v instanceof Instant i) {
            return i;
        }
        throw new IllegalStateException("audit_chain_head.updated_at is a " + v.getClass().getName());
    }
}
