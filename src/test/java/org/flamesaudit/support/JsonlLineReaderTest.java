package org.flamesaudit.support;

import org.flamesaudit.support.JsonlLineReader;
import org.flamesaudit.support.JsonlLineReader.Cursor;
import org.flamesaudit.support.JsonlLineReader.RawLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JsonlLineReaderTest {

    @TempDir
    Path dir;

    private Path write(String content) throws IOException {
        return Files.write(dir.resolve("prompts.jsonl"), content.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> readAll(Path file, Cursor from) throws IOException {
        List<String> out = new ArrayList<>();
        try (JsonlLineReader reader = new JsonlLineReader(file, from)) {
            RawLine line;
            while ((line = reader.next()) != null) {
                out.add(line.lineNumber() + ":" + new String(line.bytes(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    @Test
    void should_read_lf_terminated_lines_with_line_numbers() throws IOException {
        Path file = write("{\"a\":1}\n{\"b\":\"安全\"}\n{\"c\":3}\n");

        assertThat(readAll(file, Cursor.START)).containsExactly("1:{\"a\":1}", "2:{\"b\":\"安全\"}", "3:{\"c\":3}");
    }

    @Test
    void should_strip_crlf_line_ends() throws IOException {
        Path file = write("{\"a\":1}\r\n{\"b\":2}\r\n");

        assertThat(readAll(file, Cursor.START)).containsExactly("1:{\"a\":1}", "2:{\"b\":2}");
    }

    @Test
    void should_read_mixed_lf_and_crlf_line_ends() throws IOException {
        Path file = write("one\r\ntwo\nthree\r\n");

        assertThat(readAll(file, Cursor.START)).containsExactly("1:one", "2:two", "3:three");
    }

    @Test
    void should_return_last_line_without_newline() throws IOException {
        Path file = write("first\nlast");

        assertThat(readAll(file, Cursor.START)).containsExactly("1:first", "2:last");
    }

    @Test
    void should_return_empty_lines_with_their_numbers() throws IOException {
        Path file = write("a\n\n\r\nb\n");

        assertThat(readAll(file, Cursor.START)).containsExactly("1:a", "2:", "3:", "4:b");
    }

    @Test
    void should_return_null_for_empty_file() throws IOException {
        Path file = write("");

        try (JsonlLineReader reader = new JsonlLineReader(file, Cursor.START)) {
            assertThat(reader.next()).isNull();
            assertThat(reader.cursor()).isEqualTo(Cursor.START);
        }
    }

    @Test
    void should_keep_invalid_utf8_bytes_unchanged() throws IOException {
        byte[] content = {'a', (byte) 0xC3, (byte) 0x28, '\n', 'b'};
        Path file = Files.write(dir.resolve("bad.jsonl"), content);

        try (JsonlLineReader reader = new JsonlLineReader(file, Cursor.START)) {
            assertThat(reader.next().bytes()).containsExactly('a', (byte) 0xC3, (byte) 0x28);
            assertThat(reader.next().bytes()).containsExactly('b');
        }
    }

    @Test
    void should_report_byte_offset_of_next_line_in_cursor() throws IOException {
        Path file = write("安全\r\nxy\nz");  // "安全" is 6 bytes in UTF-8

        try (JsonlLineReader reader = new JsonlLineReader(file, Cursor.START)) {
            reader.next();
            assertThat(reader.cursor()).isEqualTo(new Cursor(1, 8));
            reader.next();
            assertThat(reader.cursor()).isEqualTo(new Cursor(2, 11));
            reader.next();
            assertThat(reader.cursor()).isEqualTo(new Cursor(3, 12));
            assertThat(reader.next()).isNull();
            assertThat(reader.cursor()).isEqualTo(new Cursor(3, 12));
        }
    }

    @Test
    void should_continue_with_third_line_after_restart_from_cursor() throws IOException {
        Path file = write("{\"n\":\"一\"}\r\n{\"n\":\"二\"}\n{\"n\":\"三\"}\n{\"n\":\"四\"}");
        Cursor checkpoint;
        JsonlLineReader first = new JsonlLineReader(file, Cursor.START);
        try {
            assertThat(first.next().lineNumber()).isEqualTo(1);
            assertThat(first.next().lineNumber()).isEqualTo(2);
            checkpoint = first.cursor();
        } finally {
            first.close();
        }

        try (JsonlLineReader restarted = new JsonlLineReader(file, checkpoint)) {
            RawLine third = restarted.next();
            assertThat(third.lineNumber()).isEqualTo(3);
            assertThat(new String(third.bytes(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":\"三\"}");
            RawLine fourth = restarted.next();
            assertThat(fourth.lineNumber()).isEqualTo(4);
            assertThat(new String(fourth.bytes(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":\"四\"}");
            assertThat(restarted.next()).isNull();
        }
    }

    @Test
    void should_read_nothing_when_restarted_from_cursor_at_end_of_file() throws IOException {
        Path file = write("a\nb\n");
        Cursor end;
        try (JsonlLineReader reader = new JsonlLineReader(file, Cursor.START)) {
            reader.next();
            reader.next();
            end = reader.cursor();
        }

        try (JsonlLineReader restarted = new JsonlLineReader(file, end)) {
            assertThat(restarted.next()).isNull();
            assertThat(restarted.cursor()).isEqualTo(new Cursor(2, 4));
        }
    }

    @Test
    void a_line_over_the_limit_is_returned_without_its_bytes_and_the_cursor_stays_exact(
            @org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path file = dir.resolve("limit.jsonl");
        // 10 bytes (at the limit, with CRLF), 11 bytes (over), 10 bytes (LF), 12 bytes without a final line end
        java.nio.file.Files.writeString(file, "0123456789\r\n0123456789a\n0123456789\nabcdefghijkl");
        try (JsonlLineReader reader = new JsonlLineReader(file, Cursor.START, 10)) {
            JsonlLineReader.RawLine first = reader.next();
            assertThat(new String(first.bytes(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("0123456789");
            assertThat(first.tooLong()).isFalse();
            JsonlLineReader.RawLine second = reader.next();
            assertThat(second.tooLong()).isTrue();
            assertThat(second.bytes()).isEmpty();
            assertThat(second.byteLength()).isEqualTo(11);
            assertThat(second.lineNumber()).isEqualTo(2);
            assertThat(reader.cursor()).isEqualTo(new Cursor(2, 24));
            assertThat(reader.next().tooLong()).isFalse();
            JsonlLineReader.RawLine last = reader.next();
            assertThat(last.tooLong()).isTrue();
            assertThat(last.byteLength()).isEqualTo(12);
            assertThat(reader.next()).isNull();
        }
    }
}
