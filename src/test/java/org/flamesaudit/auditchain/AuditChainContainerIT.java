package org.flamesaudit.auditchain;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.json.Json;
import org.flamesaudit.actionlog.ActionLog;
import org.flamesaudit.api.AuditLogResource;
import org.flamesaudit.testsupport.Await;
import org.flamesaudit.testsupport.Deployments;
import org.flamesaudit.users.UserService;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 23, the tamper-evident audit log, in the server as it runs: an action and an account change (an Envers
 * revision, chained just after its transaction commits) are chained; the log verifies; one row edited directly in
 * the database (plain JDBC on the server's datasource, as a database administrator would) makes
 * {@code GET /api/audit-log/verify} name exactly that entry; putting the row back makes it valid again.
 */
@ExtendWith(ArquillianExtension.class)
class AuditChainContainerIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.application(AuditChainContainerIT.class, Await.class);
    }

    @Inject
    ActionLog actions;

    @Inject
    UserService users;

    @Inject
    AuditChain chain;

    @Inject
    AuditLogResource resource;

    @Resource(lookup = "java:jboss/datasources/FlamesDS")
    DataSource database;

    @Test
    void anEditedRowIsNamedAndTheUntouchedLogIsValid() throws Exception {
        String tag = UUID.randomUUID().toString();
        actions.dataset(424242, "chain test " + tag);
        long actionId = single("SELECT id FROM action_log WHERE detail = ?", "chain test " + tag);
        String account = "chain-" + tag.substring(0, 8);
        users.save(account, Json.createObjectBuilder().add("password", "Chain-test-password-1")
                .add("roles", Json.createArrayBuilder().add("reviewer")).build(), "admin");
        long revision = single("SELECT MAX(rev) FROM app_user_aud WHERE username = ?", account);
        // the revision is chained just after its transaction committed, on another thread: well before the periodic
        // seal (every 30 s) could have done it
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (!chain.verify(List.of()).unchained().isEmpty()) {
            assertThat(System.nanoTime()).as("the account's revision chained within 10 s of its commit")
                    .isLessThan(deadline);
            Thread.sleep(50);
        }

        AuditLogResource.VerificationBody untouched = resource.verify(List.of());
        assertThat(untouched.valid()).isTrue();
        assertThat(untouched.firstBroken()).isNull();
        assertThat(untouched.broken()).isZero();
        long actionSeq = single("SELECT seq FROM audit_chain WHERE source = 'action' AND source_id = ?", actionId);
        long revisionSeq = single("SELECT seq FROM audit_chain WHERE source = 'revision' AND source_id = ?",
                revision);
        assertThat(revisionSeq).isGreaterThan(actionSeq);
        assertThat(untouched.entries()).isGreaterThanOrEqualTo(revisionSeq);
        AuditChain.Head head = untouched.head();

        update("UPDATE action_log SET detail = 'nothing happened here' WHERE id = ?", actionId);
        AuditLogResource.VerificationBody edited = resource.verify(List.of(head.seq() + ":" + head.hash()));
        assertThat(edited.valid()).isFalse();
        assertThat(edited.broken()).isEqualTo(1);
        assertThat(edited.firstBroken().seq()).isEqualTo(actionSeq);
        assertThat(edited.firstBroken().source()).isEqualTo("action");
        assertThat(edited.firstBroken().sourceId()).isEqualTo(actionId);
        assertThat(edited.firstBroken().kind()).isEqualTo(ChainVerification.Kind.CONTENT_CHANGED);
        assertThat(edited.firstBroken().detail()).contains("action_log row " + actionId + " was changed");
        // the chain itself is untouched: the anchor still matches
        assertThat(edited.anchors()).singleElement().satisfies(a -> assertThat(a.matches()).isTrue());

        update("UPDATE action_log SET detail = ? WHERE id = ?", "chain test " + tag, actionId);
        assertThat(resource.verify(List.of()).valid()).isTrue();

        // an audited row of the revision (the account's roles) edited: the revision's entry is named
        update("UPDATE app_user_aud SET roles = 'admin' WHERE username = ? AND rev = ?", account, revision);
        AuditLogResource.VerificationBody escalated = resource.verify(List.of());
        assertThat(escalated.firstBroken().seq()).isEqualTo(revisionSeq);
        assertThat(escalated.firstBroken().source()).isEqualTo("revision");
        assertThat(escalated.firstBroken().sourceId()).isEqualTo(revision);
        update("UPDATE app_user_aud SET roles = 'reviewer' WHERE username = ? AND rev = ?", account, revision);
        assertThat(resource.verify(List.of()).valid()).isTrue();
    }

    private long single(String sql, Object... args) throws SQLException {
        try (Connection c = database.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as(sql).isTrue();
                return rs.getLong(1);
            }
        }
    }

    private void update(String sql, Object... args) throws SQLException {
        try (Connection c = database.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            assertThat(ps.executeUpdate()).as(sql).isEqualTo(1);
        }
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
    }
}
