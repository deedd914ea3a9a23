package org.flamesaudit.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The only server directories whose files the API may name (prompt files, replayed responses, imported scores):
 * {@code flames.import.dirs} (system property) or {@code FLAMES_IMPORT_DIRS} (environment), a list separated by
 * {@code :}; by default {@code <data dir>/inbox}. A path is accepted only if it names a regular file that, after
 * {@code ..} and every symbolic link are resolved, lies inside one of these directories; a relative path is taken
 * relative to the first one. Anything else is refused with the field's name and what to do.
 */
public final class ImportDirectories {

    public static final String PROPERTY = "flames.import.dirs";
    public static final String ENV = "FLAMES_IMPORT_DIRS";

    private static final Pattern URL_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*");

    /** The directories as configured (absolute, normalized) and as real paths (links resolved). */
    private final List<Path> configuredRoots;
    private final List<Path> roots;

    /** The directories as given; each is resolved to its real path (they must exist). */
    public ImportDirectories(List<Path> roots) {
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("no import directory");
        }
        List<Path> real = new ArrayList<>();
        this.configuredRoots = roots.stream().map(r -> r.toAbsolutePath().normalize()).toList();
        for (Path r : roots) {
            try {
                real.add(r.toRealPath());
            } catch (IOException e) {
                throw new IllegalStateException("import directory " + r + " (" + PROPERTY + " / " + ENV + ") does "
                        + "not exist or cannot be read: " + e.getMessage() + "; create it or fix the setting", e);
            }
        }
        this.roots = List.copyOf(real);
    }

    private static volatile ImportDirectories configured;

    /**
     * The configured directories, or the default {@code <data dir>/inbox}, created if missing. Read once per JVM (the
     * setting is a start-up property; {@link ImportDirectoriesCheck} reads it at deployment).
     */
    public static ImportDirectories configured() {
        ImportDirectories dirs = configured;
        if (dirs == null) {
            dirs = fromSetting();
            configured = dirs;
        }
        return dirs;
    }

    private static ImportDirectories fromSetting() {
        String setting = Setting.IMPORT_DIRS.value().orElse(null);
        List<Path> dirs = new ArrayList<>();
        if (setting == null || setting.isBlank()) {
            Path inbox = AppConfig.dataDir().resolve("inbox");
            try {
                Files.createDirectories(inbox);
            } catch (IOException e) {
                throw new IllegalStateException("cannot create the import directory " + inbox + ": " + e.getMessage(),
                        e);
            }
            dirs.add(inbox);
        } else {
            for (String s : setting.split(File.pathSeparator)) {
                if (!s.isBlank()) {
                    dirs.add(Path.of(s.strip()));
                }
            }
        }
        return new ImportDirectories(dirs);
    }

    public List<Path> roots() {
        return roots;
    }

    /**
     * The real path of the file the request names in {@code field}. Refuses URLs, paths that leave the import
     * directories (by {@code ..}, an absolute path or a symbolic link), missing files and anything but regular files.
     */
    public Path require(String field, String given) {
        if (given == null || given.isBlank()) {
            throw new ConfigurationException(field, "is required: the path of a file inside " + describe());
        }
        String s = given.strip();
        if (URL_SCHEME.matcher(s).matches()) {
            throw new ConfigurationException(field, "'" + s + "' is a URL; give the path of a file inside "
                    + describe());
        }
        Path path;
        try {
            path = Path.of(s);
        } catch (InvalidPathException e) {
            throw new ConfigurationException(field, "'" + s + "' is not a valid path: " + e.getReason());
        }
        Path absolute = (path.isAbsolute() ? path : roots.get(0).resolve(path)).normalize();
        if (!inside(absolute, configuredRoots) && !inside(absolute, roots)) {
            throw outside(field, s);
        }
        Path real;
        try {
            real = absolute.toRealPath();
        } catch (NoSuchFileException e) {
            throw new ConfigurationException(field, "no file " + absolute + " on the server (paths are read inside "
                    + describe() + ")");
        } catch (IOException e) {
            throw new ConfigurationException(field, "cannot read " + absolute + ": " + e.getMessage());
        }
        if (!inside(real, roots)) {
            // a symbolic link inside an import directory that points elsewhere
            throw outside(field, s);
        }
        if (!Files.isRegularFile(real)) {
            throw new ConfigurationException(field, absolute + " is not a regular file");
        }
        return real;
    }

    private static boolean inside(Path p, List<Path> dirs) {
        return dirs.stream().anyMatch(p::startsWith);
    }

    private ConfigurationException outside(String field, String given) {
        return new ConfigurationException(field, "'" + given + "' is outside the import directories; the server "
                + "reads files only inside " + describe() + ". Copy the file there, or have the administrator add "
                + "its directory to " + ENV + " (or -D" + PROPERTY + ")");
    }

    private String describe() {
        return roots.stream().map(Path::toString).collect(Collectors.joining(", ", "[", "]"));
    }
}
