package dev.ait42.session.cli;

import dev.ait42.session.SessionStore;
import dev.ait42.session.model.Instance;
import dev.ait42.session.model.Session;
import dev.ait42.session.repository.FetchPlan;
import dev.ait42.session.repository.KeysetPage;
import dev.ait42.session.repository.SessionSort;
import dev.ait42.session.repository.SortDirection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

@Command(name = "list", description = "List sessions: filters, sort and keyset pages.", mixinStandardHelpOptions = true)
final class ListCommand extends StoreCommand.WithJson {

    @Mixin
    FilterOptions filters;

    @Option(names = "--sort", paramLabel = "FIELD", description = "created, updated (default), duration or files.")
    String sort = "updated";

    @Option(names = "--asc", description = "Oldest or smallest first (default: newest or largest first).")
    boolean ascending;

    @Option(names = "--limit", paramLabel = "N", description = "Sessions per page, 1..1000 (default: 20).")
    int limit = 20;

    @Option(names = "--cursor", paramLabel = "CURSOR", description = "The page after the one that printed it.")
    String cursor;


    @Override
    public Integer call() {
        PrintWriter out = out();
        SessionSort sortField = sortField(); // a usage error must not create the database
        try (SessionStore s = store.openWithoutSearch()) {
            KeysetPage<Session> page = s.sessions().searchKeyset(filters.query(s.sessions())
                    .sort(sortField, ascending ? SortDirection.ASC : SortDirection.DESC)
                    .fetch(FetchPlan.INSTANCES).build(), cursor, limit);
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("sessions", page.items().stream().map(Json::summary).toList());
                doc.put("nextCursor", page.nextCursor());
                Json.print(out, doc);
            } else {
                printTable(out, page.items(), filters.workspace == null);
                page.next().ifPresent(next -> out.println("next page: --cursor " + next));
            }
            return 0;
        }
    }

    private SessionSort sortField() {
        return switch (sort.toLowerCase(Locale.ROOT)) {
            case "created" -> SessionSort.CREATED_AT;
            case "updated" -> SessionSort.UPDATED_AT;
            case "duration" -> SessionSort.TOTAL_DURATION;
            case "files" -> SessionSort.TOTAL_FILES_CHANGED;
            default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--sort: unknown field '" + sort + "' (expected created, updated, duration or files)");
        };
    }

    /**
     * The listing as a table; with {@code workspaces} (a listing over every workspace) a first
     * column names each session's workspace by its hash.
     */
    static void printTable(PrintWriter out, List<Session> sessions, boolean workspaces) {
        if (sessions.isEmpty()) {
            out.println("(no sessions)");
            return;
        }
        String workspaceColumn = workspaces ? Terminal.fit("WORKSPACE", 16) + " " : "";
        out.println(workspaceColumn + Terminal.fit("ID", 38) + " " + Terminal.fit("TYPE", 11) + " "
                + Terminal.fit("STATUS", 9) + " " + Terminal.fit("CREATED", 22) + " " + Terminal.fit("TIME", 7) + " "
                + Terminal.fit("AGENTS", 24) + " TASK");
        for (Session session : sessions) {
            String agents = String.join(",", session.getInstances().stream().map(Instance::getAgentName).toList());
            out.println((workspaces ? Terminal.fit(session.getWorkspaceHash(), 16) + " " : "")
                    + Terminal.fit(session.getId(), 38) + " " + Terminal.fit(session.getType().wire(), 11) + " "
                    + Terminal.fit(session.getStatus().wire(), 9) + " "
                    + Terminal.fit(Times.minutes(session.getCreatedAt()), 22) + " "
                    + Terminal.fit(Terminal.duration(session.getTotalDuration()), 7) + " "
                    + Terminal.fit(agents, 24) + " " + Terminal.fit(session.getTask(), 60).stripTrailing());
        }
    }
}
