package dev.ait42.session.cli;

import dev.ait42.session.SessionStore;
import dev.ait42.session.repository.FetchPlan;
import dev.ait42.session.search.FullTextPage;
import dev.ait42.session.search.FullTextQuery;
import dev.ait42.session.search.Match;
import dev.ait42.session.search.SessionHit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

@Command(name = "search", description = "Full-text search over tasks, agent outputs and chat history, ranked.",
        mixinStandardHelpOptions = true)
final class SearchCommand extends StoreCommand.WithJson {

    @Mixin
    FilterOptions filters;

    @Parameters(paramLabel = "QUERY", description = "Words to find (all required); \"a phrase\", a | b, -word, pre*.")
    String text;

    @Option(names = "--limit", paramLabel = "N", description = "Sessions to show, 1..100 (default: 10).")
    int limit = 10;

    @Option(names = "--offset", paramLabel = "N", description = "Sessions of the ranking to skip (default: 0).")
    int offset;


    @Override
    public Integer call() {
        PrintWriter out = out();
        String[] tags = Terminal.highlightTags(!json && Terminal.interactive());
        FullTextQuery.matching(text).page(offset, limit).build(); // bad input fails before the database is opened
        try (SessionStore s = store.open()) {
            FullTextPage page = s.fullText().search(FullTextQuery.matching(text)
                    .filter(filters.query(s.sessions()).fetch(FetchPlan.SUMMARY).build())
                    .highlightTags(tags[0], tags[1])
                    .page(offset, limit)
                    .build());
            if (json) {
                Json.print(out, document(page));
                return 0;
            }
            out.printf(Locale.ROOT, "%s, %s%n", total(page, page.totalSessions(), "session"),
                    total(page, page.totalMatches(), "matching passage"));
            for (SessionHit hit : page.hits()) {
                out.printf(Locale.ROOT, "%n%.2f  %s  %s %s  %s%n", hit.score(), hit.session().getId(),
                        hit.session().getType().wire(), hit.session().getStatus().wire(),
                        Terminal.fit(hit.session().getTask(), 70).stripTrailing());
                for (Match match : hit.matches()) {
                    for (String snippet : match.snippets()) {
                        out.printf(Locale.ROOT, "      %-26s %s%n", where(match), snippet.replaceAll("\\s+", " "));
                    }
                }
            }
            if (page.hasNext()) {
                out.printf(Locale.ROOT, "%nmore: --offset %d%n", offset + page.hits().size());
            }
            return 0;
        }
    }

    /** "12 sessions", or "1,000+ matching passages" when the page's totals are lower bounds. */
    static String total(FullTextPage page, long n, String noun) {
        return page.totalsExact() ? ImportCommand.count(n, noun)
                : String.format(Locale.ROOT, "%,d+ %ss", n, noun);
    }

    private static String where(Match match) {
        return switch (match.source()) {
            case TASK -> "task";
            case MESSAGE -> "message " + match.messageId()
                    + (match.instanceId() == null ? "" : " (instance " + match.instanceId() + ")");
            case INSTANCE_OUTPUT -> "output of instance " + match.instanceId();
            case AGENT_NAME -> "agent of instance " + match.instanceId();
        };
    }

    private static Map<String, Object> document(FullTextPage page) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("totalSessions", page.totalSessions());
        doc.put("totalMatches", page.totalMatches());
        doc.put("totalsExact", page.totalsExact());
        doc.put("offset", page.offset());
        doc.put("hits", page.hits().stream().map(hit -> {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("score", hit.score());
            h.put("session", Json.summary(hit.session()));
            h.put("matches", hit.matches().stream().map(m -> {
                Map<String, Object> mm = new LinkedHashMap<>();
                mm.put("source", m.source().name().toLowerCase(Locale.ROOT));
                mm.put("messageId", m.messageId());
                mm.put("instanceId", m.instanceId());
                mm.put("snippets", m.snippets());
                return mm;
            }).toList());
            return h;
        }).toList());
        return doc;
    }
}
