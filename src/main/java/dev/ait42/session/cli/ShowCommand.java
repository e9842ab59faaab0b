package dev.ait42.session.cli;

import dev.ait42.session.NotFoundException;
import dev.ait42.session.SessionStore;
import dev.ait42.session.model.ChatMessage;
import dev.ait42.session.model.Instance;
import dev.ait42.session.model.Limits;
import dev.ait42.session.model.Session;
import dev.ait42.session.model.Workspace;
import dev.ait42.session.repository.SessionRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

@Command(name = "show", description = "One session with its instances and chat history.", mixinStandardHelpOptions = true)
final class ShowCommand extends StoreCommand.WithJson {


    @Parameters(paramLabel = "ID", description = "The session id.")
    String id;

    @Option(names = "--workspace", paramLabel = "PATH|HASH",
            description = "The session's workspace, when the id exists in several.")
    String workspace;

    @Option(names = "--outputs", description = "Print the instances' captured terminal output too.")
    boolean outputs;


    @Override
    public Integer call() {
        PrintWriter out = out();
        try (SessionStore s = store.openWithoutSearch()) {
            Session session = find(s.sessions());
            if (json) {
                Json.print(out, Json.full(session));
                return 0;
            }
            out.printf(Locale.ROOT, "%s  %s  %s  workspace %s%n", session.getId(), session.getType().wire(),
                    session.getStatus().wire(), session.getWorkspaceHash());
            out.println("task:      " + session.getTask());
            out.printf(Locale.ROOT, "created:   %s   updated: %s   completed: %s%n", Times.seconds(session.getCreatedAt()),
                    Times.seconds(session.getUpdatedAt()), Times.seconds(session.getCompletedAt()));
            out.printf(Locale.ROOT, "model:     %s   runtimes: %s   winner: %s   duration: %s%n",
                    Optional.ofNullable(session.getModel()).orElse("-"), Json.orEmpty(session.getRuntimeMix()),
                    Optional.ofNullable(session.getWinnerId()).map(String::valueOf).orElse("-"),
                    Terminal.duration(session.getTotalDuration()));
            out.println();
            out.println("instances:");
            for (Instance i : session.getInstances()) {
                out.printf(Locale.ROOT, "  #%d %-20s %-9s %-8s %s  %s%n", i.getInstanceId(), i.getAgentName(),
                        i.getStatus().wire(), Optional.ofNullable(i.getRuntime()).orElse("-"), i.getBranch(),
                        changes(i.getFilesChanged(), i.getLinesAdded(), i.getLinesDeleted()));
                if (outputs && i.getOutput() != null) {
                    i.getOutput().lines().forEach(line -> out.println("      | " + line));
                }
            }
            out.println();
            out.println("chat history:");
            for (ChatMessage m : session.getMessages()) {
                out.printf(Locale.ROOT, "  [%s] %s%s:%n", Times.seconds(m.getTimestamp()), m.getRole().wire(),
                        m.getInstanceId() == null ? "" : " (instance " + m.getInstanceId() + ")");
                m.getContent().lines().forEach(line -> out.println("    " + line));
            }
            return 0;
        }
    }

    private Session find(SessionRepository sessions) {
        if (workspace != null) {
            return sessions.get(FilterOptions.workspaceHash(sessions, workspace), id);
        }
        List<Session> found = new ArrayList<>();
        for (Workspace w : sessions.listWorkspaces()) {
            sessions.find(w.getHash(), id).ifPresent(found::add);
        }
        if (found.isEmpty()) {
            throw new NotFoundException("no session " + Limits.quoted(id) + " in any workspace");
        }
        if (found.size() > 1) {
            throw new NotFoundException("session id '" + id + "' exists in several workspaces ("
                    + String.join(", ", found.stream().map(Session::getWorkspaceHash).toList())
                    + "): add --workspace");
        }
        return found.get(0);
    }

    /**
     * What an instance changed, leaving out what is not known: {@code files 3, lines +40/-2},
     * {@code files 3}, {@code lines +40}, or {@code no change counts}.
     */
    static String changes(Integer files, Integer added, Integer deleted) {
        List<String> parts = new ArrayList<>();
        if (files != null) {
            parts.add("files " + files);
        }
        if (added != null || deleted != null) {
            parts.add("lines " + (added == null ? "" : "+" + added) + (added != null && deleted != null ? "/" : "")
                    + (deleted == null ? "" : "-" + deleted));
        }
        return parts.isEmpty() ? "no change counts" : String.join(", ", parts);
    }
}
