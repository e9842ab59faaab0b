package dev.ait42.session.legacy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.ait42.session.model.WorkspaceHash;
import dev.ait42.session.store.OwnerOnlyFiles;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The layout of a legacy home: {@code sessions/<hash>.json} files and {@code workspace_mapping.json}
 * (hash to folder path). Problems found on the way are added to the list given.
 */
final class LegacyHome {

    private final Path home;
    private final List<ImportProblem> problems;

    LegacyHome(Path home, List<ImportProblem> problems) {
        this.home = home;
        this.problems = problems;
    }

    Path sessionsFolder() {
        return home.resolve(LegacyJson.SESSIONS);
    }

    /** The {@code *.json} files of {@code sessions/}, by name; a missing folder is a problem. */
    List<Path> sessionFiles() {
        Path folder = sessionsFolder();
        if (!Files.isDirectory(folder)) {
            problems.add(new ImportProblem(folder, -1, -1, null, "not a folder: no legacy sessions to read"));
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> named = files.filter(f -> {
                String name = f.getFileName().toString();
                return name.endsWith(".json") && !name.startsWith(".");
            }).sorted().toList();
            return named.stream().filter(this::readable).toList();
        } catch (IOException e) {
            problems.add(new ImportProblem(folder, -1, -1, null, "cannot list the folder: " + e.getMessage()));
            return List.of();
        }
    }

    /**
     * Whether a {@code *.json} entry can be read as a session file: a regular file, or a symbolic
     * link to one (followed: reading through a link changes nothing). A dangling link, a folder or
     * a special file (a pipe would block the import) is skipped with a problem.
     */
    private boolean readable(Path file) {
        if (Files.isRegularFile(file)) {
            return true;
        }
        String why = Files.isSymbolicLink(file) && !Files.exists(file)
                ? "a symbolic link to " + OwnerOnlyFiles.linkTarget(file) + ", which does not exist"
                : "not a regular file";
        problems.add(new ImportProblem(file, -1, -1, null, why + "; file skipped"));
        return false;
    }

    /**
     * The workspace hash a session file is named after, or null (a problem is added) when the
     * name is not one: the hash is taken as it is, never recomputed from the mapped path.
     */
    String hashOf(Path file) {
        String name = file.getFileName().toString();
        String hash = name.substring(0, name.length() - ".json".length());
        try {
            return WorkspaceHash.require(hash);
        } catch (RuntimeException notAHash) {
            problems.add(new ImportProblem(file, -1, -1, null,
                    "the file name is not a workspace hash (16 lowercase hex characters); file skipped"));
            return null;
        }
    }

    /**
     * The folder path of each workspace hash, from {@code workspace_mapping.json}; empty when the
     * file is missing. Entries that are not a non-blank string are left out (path unknown), with a
     * problem; a broken file keeps the entries read before the break.
     */
    Map<String, String> mapping() {
        Path file = home.resolve(LegacyJson.MAPPING_FILE);
        Map<String, String> paths = new HashMap<>();
        try (JsonParser p = LegacyJson.MAPPER.createParser(Files.newInputStream(file))) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                problems.add(problem(file, p.currentTokenLocation(), "expected a JSON object of workspace hash to path,"
                        + " found " + (t == null ? "an empty file" : t.name())));
                return paths;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String hash = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.VALUE_STRING && !p.getText().isBlank() && LoneSurrogates.indexIn(p.getText()) < 0) {
                    paths.put(hash, p.getText());
                } else {
                    problems.add(problem(file, p.currentTokenLocation(), "the path of workspace '"
                            + LoneSurrogates.escape(hash) + "' is not a non-blank string UTF-8 can hold;"
                            + " its path is taken as unknown"));
                    p.skipChildren();
                }
            }
        } catch (NoSuchFileException missing) {
            return paths; // every path unknown: sessions still import under their hash
        } catch (JsonProcessingException e) {
            problems.add(problem(file, e.getLocation(), "broken JSON: " + e.getOriginalMessage()
                    + "; workspaces after this point have an unknown path"));
        } catch (IOException e) {
            problems.add(new ImportProblem(file, -1, -1, null, "cannot read: " + e.getMessage()));
        }
        return paths;
    }

    static long totalSize(List<Path> files) {
        long total = 0;
        for (Path f : files) {
            try {
                total += Files.size(f);
            } catch (IOException e) {
                // reported when the file is read
            }
        }
        return total;
    }

    /**
     * Rewrites the columns of the problems {@code problems[from..]} of one file from bytes (what
     * Jackson counts, reading UTF-8) to characters (what editors show: after Japanese text they
     * differ). One more streaming pass over the file, up to the last line concerned, only when
     * the file had located problems.
     */
    static void countColumnsInCharacters(Path file, List<ImportProblem> problems, int from) {
        Map<Long, TreeMap<Long, Long>> columns = new HashMap<>(); // line -> byte column -> character column
        for (ImportProblem problem : problems.subList(from, problems.size())) {
            if (problem.line() > 0 && problem.column() > 1 && problem.file().equals(file)) {
                columns.computeIfAbsent(problem.line(), line -> new TreeMap<>()).put(problem.column(), null);
            }
        }
        if (columns.isEmpty()) {
            return;
        }
        long lastLine = Collections.max(columns.keySet());
        long lastColumn = columns.get(lastLine).lastKey(); // no need to read on: the rest of the line may be huge
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            long line = 1;
            long bytes = 0; // on this line so far
            long characters = 0;
            boolean afterCr = false;
            TreeMap<Long, Long> wanted = columns.get(line);
            for (int b = in.read(); line < lastLine || line == lastLine && bytes < lastColumn; b = in.read()) {
                if (wanted != null && wanted.containsKey(bytes + 1)) {
                    wanted.put(bytes + 1, characters + 1);
                }
                if (b < 0) {
                    break;
                }
                boolean newline = b == '\n' && !afterCr || b == '\r';
                afterCr = b == '\r';
                if (b == '\n' && !newline) {
                    continue; // the LF of a CRLF: the line was counted at the CR
                }
                if (newline) {
                    line++;
                    bytes = 0;
                    characters = 0;
                    wanted = columns.get(line);
                } else {
                    bytes++;
                    if ((b & 0xC0) != 0x80) { // not a UTF-8 continuation byte: a new character
                        characters++;
                    }
                }
            }
        } catch (IOException e) {
            return; // keep the byte columns
        }
        for (int i = from; i < problems.size(); i++) {
            ImportProblem p = problems.get(i);
            TreeMap<Long, Long> line = p.file().equals(file) ? columns.get(p.line()) : null;
            Long column = line == null ? null : line.get(p.column());
            if (column != null) {
                problems.set(i, new ImportProblem(p.file(), p.line(), column, p.sessionId(), p.message()));
            }
        }
    }

    /**
     * Why a file could not be read to its end: a wrong value at file level, broken JSON (a
     * truncated file) or an I/O error.
     */
    static ImportProblem readingStopped(Path file, Exception e) {
        if (e instanceof LegacyFileReader.FormatException format) {
            return problem(file, format.location(), format.getMessage());
        }
        if (e instanceof JsonProcessingException json) {
            return problem(file, json.getLocation(), "broken JSON: " + json.getOriginalMessage()
                    + "; the rest of the file could not be read");
        }
        return new ImportProblem(file, -1, -1, null, "cannot read: " + e.getMessage());
    }

    static ImportProblem problem(Path file, JsonLocation at, String message) {
        return problem(file, at, null, message);
    }

    static ImportProblem problem(Path file, JsonLocation at, String sessionId, String message) {
        return at == null
                ? new ImportProblem(file, -1, -1, sessionId, message)
                : new ImportProblem(file, at.getLineNr(), at.getColumnNr(), sessionId, message);
    }
}
