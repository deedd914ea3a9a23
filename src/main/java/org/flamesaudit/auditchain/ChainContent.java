package org.flamesaudit.auditchain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The content of a chain entry: its rows written out as text, one {@code table} line and one {@code column=value}
 * line per column, in the order of {@link ChainSource}, each line ending with a line feed. A string value is a JSON
 * string literal (quoted, escaped as RFC 8259 section 7 says), a number its decimal digits, a boolean
 * {@code true}/{@code false}, a timestamp its ISO-8601 local date-time as stored ({@code 2026-12-01T09:47:12.123456},
 * trailing zero fields left out as {@link LocalDateTime#toString()} does), and SQL NULL the bare word {@code null}.
 * A column added to a table after its first format ({@link ChainSource.Table#laterColumns}) follows the others and is
 * written only when it is not NULL, so that the content of a row chained before it existed does not change.
 * A revision's content is its {@code revision_info} row followed by each audited row it wrote, table by table
 * (schedules, accounts, API keys), ordered by the row's key as text, by UTF-16 code units (never the database's
 * collation, which a restore under another locale could change). Anyone can recompute it from the database with the
 * same rules; the SHA-256 of its UTF-8 bytes ({@code support.Sha256.of}) is the entry's content hash.
 */
public final class ChainContent {

    private static final int CHUNK = 500;

    private ChainContent() {
    }

    /**
     * The content of each of {@code ids}' rows of {@code source} as they are now, by id; an id without a row is
     * absent from the map (its row was deleted).
     *
     * @throws SQLException when the database cannot be read
     * @throws IllegalStateException when a column holds a type the content has no text for
     */
    public static Map<Long, String> read(Connection c, ChainSource source, Collection<Long> ids) throws SQLException {
        Map<Long, StringBuilder> texts = new HashMap<>();
        List<Long> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<Long> chunk = all.subList(from, Math.min(from + CHUNK, all.size()));
            ChainSource.Table t = source.table();
            rows(c, t, "id", chunk, (id, key, text) -> texts.put(id, new StringBuilder(text)));
            for (ChainSource.Table child : source.revisionRows()) {
                // a revision's rows in the order of their keys' code points, whatever the database's collation
                Map<Long, java.util.TreeMap<String, String>> byRevision = new HashMap<>();
                rows(c, child, "rev", chunk, (rev, key, text) -> byRevision.computeIfAbsent(rev,
                        k -> new java.util.TreeMap<>()).put(key, text));
                byRevision.forEach((rev, sorted) -> {
                    StringBuilder sb = texts.get(rev);
                    if (sb != null) {
                        sorted.values().forEach(sb::append);
                    }
                });
            }
        }
        Map<Long, String> out = new HashMap<>();
        texts.forEach((id, sb) -> out.put(id, sb.toString()));
        return out;
    }

    private interface RowText {
        void accept(long owner, String key, String text);
    }

    private static void rows(Connection c, ChainSource.Table t, String ownerColumn, List<Long> owners, RowText sink)
            throws SQLException {
        List<String> columns = t.allColumns();
        String sql = "SELECT " + ownerColumn + ", " + t.key() + ", " + String.join(", ", columns) + " FROM "
                + t.name() + " WHERE " + ownerColumn + " IN (" + "?,".repeat(owners.size() - 1) + "?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < owners.size(); i++) {
                ps.setLong(i + 1, owners.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                java.sql.ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    StringBuilder sb = new StringBuilder(t.name()).append('\n');
                    for (int i = 0; i < columns.size(); i++) {
                        String column = columns.get(i);
                        int at = i + 3;
                        // a timestamp as stored, never through the JVM's time zone (a DST gap would move it)
                        Object v = meta.getColumnType(at) == java.sql.Types.TIMESTAMP
                                ? rs.getObject(at, LocalDateTime.class) : rs.getObject(at);
                        if (v == null && i >= t.columns().size()) {
                            continue; // a later column, NULL: the row's content is as in the first format
                        }
                        sb.append(column).append('=').append(value(t.name() + "." + column, v)).append('\n');
                    }
                    sink.accept(rs.getLong(1), rs.getString(2), sb.toString());
                }
            }
        }
    }

    /** One value as the content writes it (see the class comment). */
    static String value(String column, Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String s) {
            return jsonString(s);
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
                || v instanceof java.math.BigInteger) {
            return v.toString();
        }
        if (v instanceof java.math.BigDecimal d) {
            return d.stripTrailingZeros().toPlainString();
        }
        if (v instanceof Boolean b) {
            return b.toString();
        }
        if (v instanceof Timestamp ts) {
            return ts.toLocalDateTime().toString();
        }
        if (v instanceof LocalDateTime t) {
            return t.toString();
        }
        throw new IllegalStateException("the audit chain has no text for " + column + " of type "
                + v.getClass().getName() + "; add it to ChainContent.value");
    }

    /** {@code s} as a JSON string literal: quoted, with quote, backslash and control characters escaped. */
    static String jsonString(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (ch < 0x20) {
                        sb.append(String.format("\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
