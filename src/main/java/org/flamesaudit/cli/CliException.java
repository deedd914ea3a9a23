package org.flamesaudit.cli;

/** A failure the command line reports in one line and ends with {@code exitCode}. */
final class CliException extends RuntimeException {

    final int exitCode;

    CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }
}
