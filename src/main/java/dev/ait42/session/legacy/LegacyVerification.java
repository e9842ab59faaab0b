package dev.ait42.session.legacy;

import dev.ait42.session.UnitOfWork;
import dev.ait42.session.model.Session;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One run of {@link LegacyHistory#verify}: streams the files like an import, compares each
 * session's legacy JSON form (see {@link LegacyJson}) with the one of its stored copy, chunk by
 * chunk, and writes nothing.
 */
final class LegacyVerification {

    private final UnitOfWork tx;
    private final List<SessionComparison> sessions = new ArrayList<>();
    private final List<ImportProblem> problems = new ArrayList<>();
    private final List<ImportProblem> warnings = new ArrayList<>();

    LegacyVerification(UnitOfWork tx) {
        this.tx = tx;
    }

    VerificationReport run(Path ait42Home) {
        LegacyHome home = new LegacyHome(ait42Home, problems);
        Set<String> workspacesWithFile = new HashSet<>();
        for (Path file : home.sessionFiles()) {
            String hash = home.hashOf(file);
            if (hash != null) {
                workspacesWithFile.add(hash);
                verifyFile(file, hash);
            }
        }
        tx.read("list sessions without a legacy file", em -> {
            for (String hash : StoredSessions.workspaceHashes(em)) {
                if (!workspacesWithFile.contains(hash)) {
                    onlyInDatabase(hash, StoredSessions.idsOf(em, hash).keySet());
                }
            }
            return null;
        });
        return new VerificationReport(sessions, problems, warnings);
    }

    private void verifyFile(Path file, String hash) {
        Map<String, Long> stored = tx.read("list sessions of workspace '" + hash + "'",
                em -> StoredSessions.idsOf(em, hash));
        int problemsBefore = problems.size();
        int warningsBefore = warnings.size();
        Set<String> seen = new HashSet<>();
        List<Session> chunk = new ArrayList<>();
        long chunkBytes = 0;
        try (LegacyFileReader reader = new LegacyFileReader(file)) {
            reader.start();
            for (LegacyFileReader.Item item = reader.next(); item != null; item = reader.next()) {
                if (item instanceof LegacyFileReader.Gap gap) {
                    problems.add(gap.problemIn(file));
                    continue;
                }
                if (item instanceof LegacyFileReader.Rejected rejected) {
                    problems.add(rejected.problemIn(file));
                    String id = rejected.sessionId();
                    if (id != null && seen.add(id)) {
                        sessions.add(stored.containsKey(id)
                                ? new SessionComparison(hash, id, SessionComparison.State.INCONSISTENT,
                                        List.of(rejected.path() == null ? "$" : rejected.path()))
                                : new SessionComparison(hash, id, SessionComparison.State.ONLY_IN_JSON, List.of()));
                    }
                    continue;
                }
                LegacyFileReader.Parsed parsed = (LegacyFileReader.Parsed) item;
                if (!seen.add(parsed.session().getId())) {
                    problems.add(LegacyHome.problem(file, parsed.location(), parsed.session().getId(),
                            "appears twice in the file; only its first occurrence was compared"));
                    continue;
                }
                warnings.addAll(parsed.warningsIn(file));
                chunk.add(parsed.session());
                chunkBytes += parsed.bytes();
                if (chunk.size() >= LegacyImport.CHUNK_SESSIONS || chunkBytes >= LegacyImport.CHUNK_BYTES) {
                    compare(hash, chunk, stored);
                    chunk.clear();
                    chunkBytes = 0;
                }
            }
        } catch (LegacyFileReader.FormatException | IOException e) {
            problems.add(LegacyHome.readingStopped(file, e));
        }
        compare(hash, chunk, stored);
        LegacyHome.countColumnsInCharacters(file, problems, problemsBefore);
        LegacyHome.countColumnsInCharacters(file, warnings, warningsBefore);
        Set<String> notSeen = new HashSet<>(stored.keySet());
        notSeen.removeAll(seen);
        onlyInDatabase(hash, notSeen);
    }

    private void compare(String hash, List<Session> chunk, Map<String, Long> stored) {
        if (chunk.isEmpty()) {
            return;
        }
        tx.read("compare sessions of workspace '" + hash + "'", em -> {
            Map<String, Session> current = StoredSessions.load(em, stored, chunk.stream().map(Session::getId).toList());
            for (Session json : chunk) {
                Session db = current.get(json.getId());
                if (db == null) {
                    sessions.add(new SessionComparison(hash, json.getId(), SessionComparison.State.ONLY_IN_JSON,
                            List.of()));
                    continue;
                }
                List<String> differences = LegacyJson.differences(LegacyJson.toJson(json), LegacyJson.toJson(db));
                sessions.add(new SessionComparison(hash, json.getId(), differences.isEmpty()
                        ? SessionComparison.State.CONSISTENT : SessionComparison.State.INCONSISTENT, differences));
            }
            return null;
        });
    }

    private void onlyInDatabase(String hash, Set<String> ids) {
        new TreeSet<>(ids).forEach(id -> sessions.add(
                new SessionComparison(hash, id, SessionComparison.State.ONLY_IN_DATABASE, List.of())));
    }
}
