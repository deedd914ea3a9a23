package org.flamesaudit.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.flamesaudit.reporting.ReportService;
import org.flamesaudit.support.ConfigurationException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * Is this a report we issued? A regulator sends a report file (or only its SHA-256) and learns which run, report id
 * and rendering it is, and whether a later rendering has superseded it; a copy changed by one byte matches nothing.
 */
@Path("/reports/verify")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ReportVerificationResource {

    /** The largest file accepted for verification: far above any report (a Flames-1k workbook is about 1 MB). */
    static final long MAX_BYTES = 100L * 1024 * 1024;

    @Inject
    ReportService reports;

    @GET
    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR, Roles.APPROVER})
    public Verification byHash(@QueryParam("sha256") String sha256) {
        if (sha256 == null) {
            throw new ConfigurationException("sha256", "is required: the SHA-256 of the report file, or POST the file");
        }
        return Verification.of(sha256.strip().toLowerCase(java.util.Locale.ROOT), reports.verify(sha256));
    }

    @POST
    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR, Roles.APPROVER})
    @Consumes(MediaType.WILDCARD) // the bytes are hashed as they come, whatever the client calls them
    public Verification byContent(InputStream body) {
        String sha256 = sha256(body);
        return Verification.of(sha256, reports.verify(sha256));
    }

    private static String sha256(InputStream in) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[65536];
            long total = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
                if (total > MAX_BYTES) {
                    throw new ConfigurationException(null, "the file is larger than " + MAX_BYTES / (1024 * 1024)
                            + " MB; no report is; send its SHA-256 instead (GET ?sha256=)");
                }
                digest.update(buffer, 0, n);
            }
            if (total == 0) {
                throw new ConfigurationException(null, "the request has no file: POST the report's bytes");
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code issued}: whether these exact bytes are a report this server stored; {@code matches}: each rendering with
     * them, and whether it is still the run's current report of its format.
     */
    public record Verification(String sha256, boolean issued, List<Match> matches) {

        static Verification of(String sha256, List<ReportService.Verified> found) {
            return new Verification(sha256, !found.isEmpty(), found.stream().map(Match::of).toList());
        }
    }

    /**
     * One rendering with these bytes; {@code auditLogAnchor} is the audit log's head it printed
     * ({@code <entry>:<sha256>}), to check with {@code GET /api/audit-log/verify?anchor=}.
     */
    public record Match(long runId, long renderingId, String format, String reportId, Instant createdAt,
                        boolean current, String auditLogAnchor) {

        static Match of(ReportService.Verified v) {
            return new Match(v.runId(), v.renderingId(), v.format().name(), v.reportId(), v.createdAt(), v.current(),
                    v.auditLogAnchor());
        }
    }
}
