package org.flamesaudit.support;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;

/**
 * Reads a file line by line as raw bytes (so that bad UTF-8 can be reported per line instead of failing the file),
 * tracking the 1-based line number and the byte offset of the next line, which together form a restart cursor.
 * Accepts LF and CRLF line ends. A line longer than the reader's limit is not kept in memory: it is read to its end
 * and returned without its bytes ({@link RawLine#tooLong()}), so one hostile line costs no more memory than the
 * limit and the lines after it are still read. Not thread-safe.
 */
public final class JsonlLineReader implements Closeable {

    /**
     * A line's raw bytes without its line terminator; {@code byteLength} is the line's length in the file, larger
     * than {@code bytes} (which is then empty) when the line was longer than the reader's limit.
     */
    public record RawLine(long lineNumber, byte[] bytes, long byteLength) {

        public RawLine(long lineNumber, byte[] bytes) {
            this(lineNumber, bytes, bytes.length);
        }

        /** Whether the line was longer than the reader's limit (its bytes were not kept). */
        public boolean tooLong() {
            return byteLength > bytes.length;
        }

        /** The line as text, strictly: malformed UTF-8 throws instead of being replaced; a BOM on line 1 is dropped. */
        public String decodeUtf8() throws java.nio.charset.CharacterCodingException {
            String text = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
            return lineNumber == 1 && text.startsWith("\uFEFF") ? text.substring(1) : text;
        }
    }

    /** Where to continue reading: the number of lines already read and the byte offset of the next line. */
    public record Cursor(long linesRead, long byteOffset) implements java.io.Serializable {
        public static final Cursor START = new Cursor(0, 0);
    }

    private final InputStream in;
    private final int maxLineBytes;
    private long linesRead;
    private long offset;

    /** The line limit of {@link #JsonlLineReader(Path, Cursor)}: 16 MiB (a replayed answer may be long). */
    public static final int DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;

    public JsonlLineReader(Path file, Cursor from) throws IOException {
        this(file, from, DEFAULT_MAX_LINE_BYTES);
    }

    /** A reader that keeps lines of at most {@code maxLineBytes} bytes (without the line end). */
    public JsonlLineReader(Path file, Cursor from, int maxLineBytes) throws IOException {
        this.maxLineBytes = maxLineBytes;
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        channel.position(from.byteOffset());
        this.in = new BufferedInputStream(Channels.newInputStream(channel), 64 * 1024);
        this.linesRead = from.linesRead();
        this.offset = from.byteOffset();
    }

    /** Returns the next line, or null at the end of the file. */
    public RawLine next() throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
        int b;
        boolean any = false;
        long length = 0;
        boolean lastWasCr = false;
        while ((b = in.read()) != -1) {
            any = true;
            offset++;
            if (b == '\n') {
                break;
            }
            length++;
            lastWasCr = b == '\r';
            // one byte over the limit is kept, so that a CR before the LF is not counted against the line
            if (length <= maxLineBytes + 1L) {
                buffer.write(b);
            }
        }
        if (!any) {
            return null;
        }
        if (lastWasCr) {
            length--;
        }
        linesRead++;
        if (length > maxLineBytes) {
            return new RawLine(linesRead, new byte[0], length);
        }
        byte[] bytes = buffer.toByteArray();
        if (bytes.length > length) {
            bytes = java.util.Arrays.copyOf(bytes, (int) length);
        }
        return new RawLine(linesRead, bytes);
    }

    public Cursor cursor() {
        return new Cursor(linesRead, offset);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
