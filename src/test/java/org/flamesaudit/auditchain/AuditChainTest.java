package org.flamesaudit.auditchain;

import org.flamesaudit.testsupport.QueryTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hash chain on H2 migrated by the application's own scripts: sealing in time order, the documented content and
 * hashes (recomputed here from the class comments, not from the code), and each way of tampering named by
 * {@link AuditChain#verify} at the entry it broke.
 */
class AuditChainTest {

    private final QueryTestDatabase db = new QueryTestDatabase();

    @AfterEach
    void close() {
        db.close();
    }

    private <T> T chain(Function<AuditChain, T> work) {
        return db.inTransaction(em -> work.apply(QueryTestDatabase.wire(new AuditChain(), em)));
    }

    private void sql(String... statements) {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.executeUpdate(s);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<List<String>> rows(String query) {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(query)) {
            List<List<String>> out = new ArrayList<>();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.add(rs.getString(i) == null ? null : rs.getString(i).strip());
                }
                out.add(row);
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Three rows of three sources, written out of time order, plus a revision of a schedule. */
    private void writeLog() {
        sql("INSERT INTO action_log (id, at, username, action, run_id, dataset_id, rendering_id, detail, node_name) "
                        + "VALUES (7, TIMESTAMP '2026-12-01 10:00:02.5', 'auditor', 'RUN_STARTED', 3, NULL, NULL, "
                        + "'第一次 \"审计\"', 'node-a')",
                "INSERT INTO login_event (id, at, action, username, address, failures, wait_seconds, by_user, "
                        + "node_name) VALUES (4, TIMESTAMP '2026-12-01 10:00:01', 'FAILED', 'li.na', '10.0.0.9', 1, "
                        + "NULL, NULL, 'node-a')",
                "INSERT INTO revision_info (id, revision_at, username) VALUES (2, "
                        + java.time.LocalDateTime.parse("2026-12-01T10:00:03").atZone(java.time.ZoneId.systemDefault())
                        .toInstant().toEpochMilli() + ", 'admin')",
                "INSERT INTO schedule_aud (id, rev, revtype, name, cron, zone_id, dataset_id, enabled, deleted) "
                        + "VALUES (11, 2, 0, 'nightly', '0 0 2 * * *', 'Asia/Shanghai', 1, TRUE, FALSE)");
    }

    @Test
    void sealsOldestFirstWithTheDocumentedContentAndHashes() {
        writeLog();
        // a writer's seal looks at the last minutes only: these rows are older; the start-up seal takes them all
        assertThat(chain(c -> Integer.valueOf(c.seal())).intValue()).isZero();
        assertThat(chain(c -> Integer.valueOf(c.sealAll())).intValue()).isEqualTo(3);
        assertThat(chain(c -> Integer.valueOf(c.sealAll())).intValue()).isZero();

        List<List<String>> entries = rows("SELECT seq, source, source_id, content_hash, previous_hash, entry_hash "
                + "FROM audit_chain ORDER BY seq");
        assertThat(entries).extracting(r -> r.get(1) + " " + r.get(2))
                .containsExactly("login 4", "action 7", "revision 2");

        String action = "action_log\nid=7\nat=2026-12-01T10:00:02.500\nusername=\"auditor\"\naction=\"RUN_STARTED\"\n"
                + "run_id=3\ndataset_id=null\nrendering_id=null\ndetail=\"第一次 \\\"审计\\\"\"\nnode_name=\"node-a\"\n";
        assertThat(entries.get(1).get(3)).isEqualTo(org.flamesaudit.support.Sha256.of(action));
        String login = "login_event\nid=4\nat=2026-12-01T10:00:01\naction=\"FAILED\"\nusername=\"li.na\"\n"
                + "address=\"10.0.0.9\"\nfailures=1\nwait_seconds=null\nby_user=null\nnode_name=\"node-a\"\n";
        String first = sha256Hex("1\nlogin\n4\n" + sha256Hex(login) + "\n" + "0".repeat(64) + "\n");
        assertThat(entries.get(0)).containsExactly("1", "login", "4", sha256Hex(login), "0".repeat(64), first);
        assertThat(entries.get(1).get(4)).isEqualTo(first);
        assertThat(entries.get(2).get(4)).isEqualTo(entries.get(1).get(5));

        AuditChain.Head head = chain(AuditChain::head);
        assertThat(head.seq()).isEqualTo(3);
        assertThat(head.hash()).isEqualTo(entries.get(2).get(5));

        ChainVerification ok = chain(c -> c.verify(List.of(new AuditChain.Anchor(2, entries.get(1).get(5)))));
        assertThat(ok.valid()).isTrue();
        assertThat(ok.entries()).isEqualTo(3);
        assertThat(ok.firstBroken()).isNull();
        assertThat(ok.anchors()).singleElement().satisfies(a -> assertThat(a.matches()).isTrue());
        assertThat(ok.unchained()).isEmpty();
    }

    /** The same hash as the product's, computed with the JDK directly from the documented text. */
    private static String sha256Hex(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anEditedRowIsNamedAtItsEntry() {
        writeLog();
        chain(c -> Integer.valueOf(c.sealAll()));
        sql("UPDATE action_log SET detail = '改过' WHERE id = 7");

        ChainVerification v = chain(c -> c.verify(List.of()));
        assertThat(v.valid()).isFalse();
        assertThat(v.broken()).isEqualTo(1);
        assertThat(v.firstBroken().seq()).isEqualTo(2);
        assertThat(v.firstBroken().source()).isEqualTo("action");
        assertThat(v.firstBroken().sourceId()).isEqualTo(7L);
        assertThat(v.firstBroken().kind()).isEqualTo(ChainVerification.Kind.CONTENT_CHANGED);
        assertThat(v.firstBroken().detail()).startsWith("the action_log row 7 was changed after it was recorded");

        sql("UPDATE action_log SET detail = '第一次 \"审计\"' WHERE id = 7");
        assertThat(chain(c -> c.verify(List.of())).valid()).isTrue();
    }

    @Test
    void anEditedAuditedRowOfARevisionIsNamedAtTheRevision() {
        writeLog();
        chain(c -> Integer.valueOf(c.sealAll()));
        sql("UPDATE schedule_aud SET cron = '0 0 3 * * *' WHERE id = 11 AND rev = 2");
        ChainVerification v = chain(c -> c.verify(List.of()));
        assertThat(v.firstBroken()).extracting(ChainVerification.Problem::seq, ChainVerification.Problem::source,
                ChainVerification.Problem::sourceId, ChainVerification.Problem::kind)
                .containsExactly(3L, "revision", 2L, ChainVerification.Kind.CONTENT_CHANGED);
    }

    @Test
    void aDeletedRowAndAlteredEntriesAreNamed() {
        writeLog();
        chain(c -> Integer.valueOf(c.sealAll()));
        sql("DELETE FROM login_event WHERE id = 4");
        ChainVerification deleted = chain(c -> c.verify(List.of()));
        assertThat(deleted.firstBroken().kind()).isEqualTo(ChainVerification.Kind.ROW_DELETED);
        assertThat(deleted.firstBroken().seq()).isEqualTo(1);

        // an entry's content hash rewritten to match an edited row: its entry hash no longer follows
        writeLogin();
        String edited = "login_event\nid=4\nat=2026-12-01T10:00:01\naction=\"FAILED\"\nusername=\"someone.else\"\n"
                + "address=\"10.0.0.9\"\nfailures=1\nwait_seconds=null\nby_user=null\nnode_name=\"node-a\"\n";
        sql("UPDATE login_event SET username = 'someone.else' WHERE id = 4",
                "UPDATE audit_chain SET content_hash = '" + sha256Hex(edited) + "' WHERE seq = 1");
        ChainVerification altered = chain(c -> c.verify(List.of()));
        assertThat(altered.firstBroken().kind()).isEqualTo(ChainVerification.Kind.ENTRY_ALTERED);
        assertThat(altered.firstBroken().seq()).isEqualTo(1);

        // ... and with its entry hash recomputed too, the next entry's link breaks
        String rehashed = AuditChain.entryHash(1, "login", 4, sha256Hex(edited), AuditChain.GENESIS);
        sql("UPDATE audit_chain SET entry_hash = '" + rehashed + "' WHERE seq = 1");
        ChainVerification relinked = chain(c -> c.verify(List.of()));
        assertThat(relinked.firstBroken().kind()).isEqualTo(ChainVerification.Kind.LINK_BROKEN);
        assertThat(relinked.firstBroken().seq()).isEqualTo(2);
    }

    private void writeLogin() {
        sql("INSERT INTO login_event (id, at, action, username, address, failures, wait_seconds, by_user, "
                + "node_name) VALUES (4, TIMESTAMP '2026-12-01 10:00:01', 'FAILED', 'li.na', '10.0.0.9', 1, "
                + "NULL, NULL, 'node-a')");
    }

    @Test
    void aRewrittenChainFailsTheAnchorAReportPrinted() {
        writeLog();
        chain(c -> Integer.valueOf(c.sealAll()));
        AuditChain.Head printed = chain(AuditChain::head);
        // the whole chain rewritten consistently after an edit: only the anchor tells
        sql("UPDATE action_log SET detail = '改过' WHERE id = 7");
        rewriteChain();
        ChainVerification v = chain(c -> c.verify(List.of(new AuditChain.Anchor(printed.seq(), printed.hash()))));
        assertThat(v.broken()).isZero();
        assertThat(v.valid()).isFalse();
        assertThat(v.anchors()).singleElement().satisfies(a -> {
            assertThat(a.matches()).isFalse();
            assertThat(a.detail()).contains("the chain was rewritten after the anchor");
        });
        ChainVerification beyond = chain(c -> c.verify(List.of(new AuditChain.Anchor(9, printed.hash()))));
        assertThat(beyond.anchors().get(0).detail()).isEqualTo("the chain has no entry 9");
    }

    /** What someone with write access to the database would do: every hash recomputed from the rows as they are. */
    private void rewriteChain() {
        db.inTransaction(em -> {
            em.unwrap(org.hibernate.Session.class).doWork(c -> {
                String previous = AuditChain.GENESIS;
                List<List<String>> entries = rows("SELECT seq, source, source_id FROM audit_chain ORDER BY seq");
                for (List<String> e : entries) {
                    ChainSource s = ChainSource.of(e.get(1));
                    long id = Long.parseLong(e.get(2));
                    String content = ChainContent.read(c, s, List.of(id)).get(id);
                    String entry = AuditChain.entryHash(Long.parseLong(e.get(0)), s.code(), id,
                            org.flamesaudit.support.Sha256.of(content), previous);
                    try (Statement st = c.createStatement()) {
                        st.executeUpdate("UPDATE audit_chain SET content_hash = '" + org.flamesaudit.support.Sha256.of(content)
                                + "', previous_hash = '" + previous + "', entry_hash = '" + entry + "' WHERE seq = "
                                + e.get(0));
                        st.executeUpdate("UPDATE audit_chain_head SET entry_hash = '" + entry + "'");
                    }
                    previous = entry;
                }
            });
            return null;
        });
    }

    @Test
    void removedEntriesAndUnchainedRowsAreReported() {
        writeLog();
        chain(c -> Integer.valueOf(c.sealAll()));
        sql("DELETE FROM audit_chain WHERE seq = 3");
        ChainVerification truncated = chain(c -> c.verify(List.of()));
        assertThat(truncated.firstBroken().kind()).isEqualTo(ChainVerification.Kind.HEAD_MISMATCH);
        assertThat(truncated.unchained()).isEqualTo(Map.of("revision", 1L));
        assertThat(truncated.unchainedRows()).containsExactly(new ChainVerification.Row("revision", 2));

        sql("DELETE FROM audit_chain WHERE seq = 1");
        ChainVerification gap = chain(c -> c.verify(List.of()));
        assertThat(gap.firstBroken().kind()).isEqualTo(ChainVerification.Kind.ENTRY_MISSING);
        assertThat(gap.firstBroken().seq()).isEqualTo(2);
        assertThat(gap.firstBroken().detail()).isEqualTo("entries 1 to 1 are missing from the chain");
    }

    @Test
    void aBackDatedRowChainedLaterIsShownAsLateButTheFirstSealsRowsAreNot() throws Exception {
        writeLog();
        chain(c -> Integer.valueOf(c.sealAll()));
        ChainVerification genesis = chain(c -> c.verify(List.of()));
        assertThat(genesis.late()).isZero();
        Thread.sleep(5); // a later seal, at another millisecond than the first
        sql("INSERT INTO action_log (id, at, username, action, run_id, dataset_id, rendering_id, detail, node_name) "
                + "VALUES (99, TIMESTAMP '2026-11-01 09:00:00', 'auditor', 'RUN_STOPPED', 3, NULL, NULL, "
                + "'back-dated', 'node-a')");
        chain(c -> Integer.valueOf(c.sealAll()));
        ChainVerification v = chain(c -> c.verify(List.of()));
        assertThat(v.valid()).as("the chain itself is whole").isTrue();
        assertThat(v.late()).isEqualTo(1);
        assertThat(v.lateRows()).containsExactly(new ChainVerification.Row("action", 99));
    }

    @Test
    void everyColumnOfAChainedTableIsInItsContent() {
        for (ChainSource s : ChainSource.values()) {
            List<ChainSource.Table> tables = new ArrayList<>(s.revisionRows());
            tables.add(s.table());
            for (ChainSource.Table t : tables) {
                List<String> columns = rows("SELECT LOWER(column_name) FROM information_schema.columns "
                        + "WHERE LOWER(table_name) = '" + t.name() + "' ORDER BY ordinal_position").stream()
                        .map(r -> r.get(0)).toList();
                assertThat(t.allColumns()).as(t.name()).containsExactlyInAnyOrderElementsOf(columns);
            }
        }
    }

    @Test
    void unusualValuesHaveOneText() {
        assertThat(ChainContent.value("t.c", "a\n\"b\"\\\u0001")).isEqualTo("\"a\\n\\\"b\\\"\\\\\\u0001\"");
        assertThat(ChainContent.value("t.c", null)).isEqualTo("null");
        assertThat(ChainContent.value("t.c", (short) 2)).isEqualTo("2");
        assertThat(ChainContent.value("t.c", Boolean.FALSE)).isEqualTo("false");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ChainContent.value("t.c", new byte[1]))
                .hasMessageContaining("t.c of type [B");
    }

}
