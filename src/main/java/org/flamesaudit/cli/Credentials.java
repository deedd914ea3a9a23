package org.flamesaudit.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The account the command line logs in with, never from an argument (a password on a command line is in every
 * process listing and shell history): {@code FLAMES_USER} and {@code FLAMES_PASSWORD}, else the netrc file
 * ({@code FLAMES_NETRC}, else {@code ~/.netrc}) entry {@code machine <host> login <user> password <password>} of the
 * server's host (the format curl and git read).
 *
 * @param user     the account
 * @param password its password
 */
record Credentials(String user, String password) {

    /** Without the password: a record's own toString would print it. */
    @Override
    public String toString() {
        return "Credentials[" + user + "]";
    }

    /** @throws CliException (exit 2) naming what to set when no credentials are found */
    static Credentials find(URI server, Map<String, String> env) {
        String user = env.get("FLAMES_USER");
        String password = env.get("FLAMES_PASSWORD");
        if (user != null && !user.isBlank() && password != null) {
            return new Credentials(user, password);
        }
        Path netrc = env.get("FLAMES_NETRC") != null ? Path.of(env.get("FLAMES_NETRC"))
                : Path.of(System.getProperty("user.home"), ".netrc");
        if (Files.isRegularFile(netrc)) {
            try {
                Credentials c = fromNetrc(Files.readString(netrc), server.getHost());
                if (c != null) {
                    return c;
                }
            } catch (IOException e) {
                throw new CliException(2, "cannot read " + netrc + ": " + e.getMessage());
            }
        }
        throw new CliException(2, "no credentials: set FLAMES_USER and FLAMES_PASSWORD, or add \"machine "
                + server.getHost() + " login <user> password <password>\" to " + netrc + " (or the file FLAMES_NETRC "
                + "names)");
    }

    /**
     * The entry of {@code host} in a netrc text (tokens separated by white space), else its {@code default} entry, or
     * null. A {@code macdef} ends the entry it is in (its body, up to a blank line, is skipped).
     */
    static Credentials fromNetrc(String text, String host) {
        Credentials fallback = null;
        for (String entry : text.split("(?m)(?=^\\s*(?:machine|default)\\b)|(?<=\\s)(?=(?:machine|default)\\s)")) {
            String body = entry.replaceAll("(?s)\\bmacdef\\b.*?(\\n\\s*\\n|$)", " ");
            List<String> t = List.of(body.strip().split("\\s+"));
            if (t.isEmpty() || t.get(0).isEmpty()) {
                continue;
            }
            String machine = null;
            String login = null;
            String password = null;
            boolean isDefault = false;
            for (int i = 0; i < t.size(); i++) {
                String next = i + 1 < t.size() ? t.get(i + 1) : null;
                switch (t.get(i)) {
                    case "machine" -> {
                        machine = next;
                        i++;
                    }
                    case "default" -> isDefault = true;
                    case "login" -> {
                        login = next;
                        i++;
                    }
                    case "password" -> {
                        password = next;
                        i++;
                    }
                    default -> {
                    }
                }
            }
            if (login == null || password == null) {
                continue;
            }
            if (host.equals(machine)) {
                return new Credentials(login, password);
            }
            if (isDefault && fallback == null) {
                fallback = new Credentials(login, password);
            }
        }
        return fallback;
    }
}
