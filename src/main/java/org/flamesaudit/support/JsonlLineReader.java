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
 * Accepts LF and CRLF line ends. Not thread-safe.
 */
public final class JsonlLineReader implements Closeable {

    /** A line's raw bytes without its line terminator. */
    public record RawLine(long lineNumber, byte[] bytes) {

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
    private long linesRead;
    private long offset;

    public JsonlLineReader(Path file, Cursor from) throws IOException {
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
        while ((b = in.read()) != -1) {
            any = true;
            offset++;
            if (b == '\n') {
                break;
            }
            buffer.write(b);
        }
        if (!any) {
            return null;
        }
        byte[] bytes = buffer.toByteArray();
        if (bytes.length > 0 && bytes[bytes.length - 1] == '\r') {
            bytes = java.util.Arrays.copyOf(bytes, bytes.length - 1);
        }
        linesRead++;
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
