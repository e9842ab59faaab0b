package dev.ait42.session.cli;

import dev.ait42.session.NotFoundException;
import dev.ait42.session.ValidationException;
import dev.ait42.session.model.SessionStatus;
import dev.ait42.session.model.SessionType;
import dev.ait42.session.model.Timestamps;
import dev.ait42.session.model.WireValue;
import dev.ait42.session.model.WorkspaceHash;
import dev.ait42.session.repository.SessionQuery;
import dev.ait42.session.repository.SessionRepository;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The listing filters shared by {@code list}, {@code search} and {@code stats}. */
final class FilterOptions {

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{16}");

    @Option(names = "--workspace", paramLabel = "PATH|HASH",
            description = "Only this workspace: its folder or its 16-character hash (default: all).")
    String workspace;

    @Option(names = "--type", split = ",", paramLabel = "TYPE", converter = TypeConverter.class,
            description = "competition, ensemble or debate; repeatable or comma-separated.")
    List<SessionType> types = new ArrayList<>();

    @Option(names = "--status", split = ",", paramLabel = "STATUS", converter = StatusConverter.class,
            description = "running, completed, failed or paused; repeatable or comma-separated.")
    List<SessionStatus> statuses = new ArrayList<>();

    @Option(names = "--since", paramLabel = "TIME", converter = TimeConverter.class,
            description = "Created at or after: 2025-05-02 (UTC midnight) or 2025-05-02T09:00:00+09:00.")
    Instant since;

    @Option(names = "--until", paramLabel = "TIME", converter = TimeConverter.class,
            description = "Created before (same forms as --since).")
    Instant until;

    @Option(names = "--text", paramLabel = "TEXT", description = "Inside the task, id or agent names.")
    String text;

    /** The filters as a query builder; an unknown workspace is a {@link NotFoundException}. */
    SessionQuery.Builder query(SessionRepository sessions) {
        SessionQuery.Builder query = workspace == null ? SessionQuery.allWorkspaces()
                : SessionQuery.inWorkspace(workspaceHash(sessions, workspace));
        return query.types(types).statuses(statuses).createdBetween(since, until).text(text);
    }

    /** A workspace given as a hash or a folder, which must be in the database. */
    static String workspaceHash(SessionRepository sessions, String value) {
        String hash = HASH.matcher(value).matches() ? value : WorkspaceHash.of(Path.of(value));
        if (sessions.findWorkspace(hash).isEmpty()) {
            throw new NotFoundException("no workspace '" + value + "' (hash " + hash + ") in the database");
        }
        return hash;
    }

    static final class TypeConverter implements ITypeConverter<SessionType> {
        @Override
        public SessionType convert(String value) {
            return wire(SessionType.class, "--type", value);
        }
    }

    static final class StatusConverter implements ITypeConverter<SessionStatus> {
        @Override
        public SessionStatus convert(String value) {
            return wire(SessionStatus.class, "--status", value);
        }
    }

    static final class TimeConverter implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                        : Timestamps.parse("time", value);
            } catch (RuntimeException e) {
                throw new TypeConversionException("'" + value + "' is not a date (2025-05-02) or a time"
                        + " (2025-05-02T09:00:00Z, 2025-05-02T18:00:00+09:00)");
            }
        }
    }

    private static <E extends Enum<E> & WireValue> E wire(Class<E> type, String option, String value) {
        try {
            return WireValue.parse(type, option, value.strip().toLowerCase(Locale.ROOT));
        } catch (ValidationException e) {
            // picocli names the option itself: the message without "--type: "
            String message = e.getMessage();
            throw new TypeConversionException(message.startsWith(option + ": ")
                    ? message.substring(option.length() + 2) : message);
        }
    }
}
