package dev.ait42.session.search;

import dev.ait42.session.ValidationException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The query text: simple query syntax that never fails to parse, phrases, exclusion, either-or
 * and prefixes; and the validation of the text and the paging.
 */
class FullTextQuerySyntaxTest extends FullTextTestSupport {

    /** 200 Japanese characters: the longest accepted query. */
    private static final String LONG_JAPANESE = "リフレッシュトークンのローテーションを実装しました".repeat(10).substring(0, 200);

    @BeforeEach
    void seed() {
        save("adjacent", "Rotate the refresh token daily");
        save("apart", "Work", "the token was refreshed later");
        save("access", "Work", "access token expiry");
        save("kerberos", "Kerberos tickets");
        save("saml", "Work", "SAML assertions");
        save("japanese", "作業", "リフレッシュトークンのローテーションを実装しました。");
    }

    static Stream<String> hostile() {
        return Stream.of(
                "\"unbalanced", "(token", "token)", "((token", "token))", "AND", "OR token", "token AND", "NOT token",
                "*", "token*", "**", ":", "content:token", "task:refresh", "\\", "token\\", "~", "token~", "token~2",
                "~2", "-", "--token", "-token", "+", "+token", "|", "||", "token ||", "&&", "\"", "\"\"", "()", ")(",
                "\"token", "token\"", "\"(token)\"", "[token]", "{token}", "^2", "token^2", "!token", "?", "/", "/token/",
                "トークン\"", "（トークン", "＊", "%", "_", "' or 1=1 --", "<script>alert(1)</script>",
                "\u0000", "token\u0000", "\uD83D\uDE00 token", "\uD83D", LONG_JAPANESE,
                "\"(a* | -b) + c~ \\\" :* AND OR NOT ( ) [ ] { } ^ ! ? / トークン ＊ \\ \" ~2 -- || &&");
    }

    // One store for all the strings of a test: each case is reported on its own by assertAll.

    @Test
    void hostileQueryTextReturnsAPage() {
        assertAll(hostile().map(text -> () -> {
            FullTextPage page = assertDoesNotThrow(() -> search(text), "query " + text);
            assertNotNull(page, text);
            assertTrue(page.totalSessions() >= page.hits().size(), text);
            assertTrue(page.totalMatches() >= page.totalSessions(), text);
        }));
    }

    @Test
    void unbalancedOrDanglingSyntaxStillFindsTheWords() {
        assertAll(Stream.of("(token", "token)", "\"token", "token\"", "token\\", "OR token", "token AND", "((token",
                "token))", "token*", "+token", "token -", "token |").map(text -> () ->
                assertEquals(Set.of("adjacent", "apart", "access"), found(text), "query " + text)));
    }

    @Test
    void longestJapaneseQueryIsAccepted() {
        assertEquals(FullTextQuery.MAX_LENGTH, LONG_JAPANESE.length());

        FullTextPage page = search(LONG_JAPANESE);

        assertTrue(page.hits().isEmpty(), "no text contains it");
    }

    @Test
    void manyPrefixWordsAreEitherAnsweredOrRejectedAsAQueryProblem() {
        StringBuilder text = new StringBuilder();
        for (char c = 'a'; text.length() < FullTextQuery.MAX_LENGTH - 3; c = c == 'z' ? 'a' : (char) (c + 1)) {
            text.append(c).append("* ");
        }
        try {
            assertNotNull(search(text.toString().strip()));
        } catch (ValidationException e) {
            assertEquals("query", e.field(), e.getMessage());
        }
    }

    @Test
    void quotesMatchAPhrase() {
        assertEquals(Set.of("adjacent", "apart"), found("refresh token"), "words anywhere");
        assertEquals(Set.of("adjacent"), found("\"refresh token\""), "the words next to each other");
        assertEquals(Set.of(), found("\"token refresh\""), "in that order");
        assertEquals(Set.of("japanese"), found("\"リフレッシュトークン\""));
    }

    @Test
    void minusExcludesAWord() {
        assertEquals(Set.of("access"), found("token -refresh"));
        assertEquals(Set.of("adjacent", "apart"), found("token -access"));
    }

    @Test
    void barMatchesEitherWord() {
        assertEquals(Set.of("kerberos", "saml"), found("kerberos | saml"));
        assertEquals(Set.of(), found("kerberos saml"), "without the bar both are required");
    }

    @Test
    void starMatchesAPrefix() {
        assertEquals(Set.of("kerberos"), found("kerb*"));
        assertEquals(Set.of("adjacent", "apart"), found("refr*"));
        assertEquals(Set.of(), found("kerb"), "without the star a prefix is not a word");
    }

    @Test
    void prefixMatchesTheWordsAsWrittenNotOnlyTheirStems() {
        save("notify", "Group the notifications by workspace");
        save("rotate", "Work", "Key rotation every night");
        save("pages", "Work", "Cursor pagination for the listing");

        assertEquals(Set.of("notify"), found("notificat*"), "stem 'notif' does not start with 'notificat'");
        assertEquals(Set.of("notify"), found("notif*"));
        assertEquals(Set.of("notify"), found("Notifications"));
        assertEquals(Set.of("rotate"), found("rotati*"));
        assertEquals(Set.of("pages"), found("paginat*"));
        assertEquals(Set.of("pages"), found("ＰＡＧＩＮＡＴ*"), "width-folded and lowercased like a word");
        assertEquals(Set.of("adjacent", "rotate"), found("rotated"), "words still meet their stems");
        assertEquals(List.of("Key **rotation** every night"), search("rotati*").hits().get(0).matches().get(0).snippets());
    }

    @Test
    void reservedWordsAndColonsAreText() {
        save("colon", "Fix content:type header");
        save("upper", "Work", "ORDER BY AND clause");

        assertEquals(Set.of("colon"), found("content:type"));
        assertTrue(found("AND").isEmpty(), "a stop word alone matches nothing");
        assertEquals(Set.of("upper"), found("ORDER AND clause"));
    }

    // ---- validation ----

    @Test
    void emptyQueryIsRejected() {
        assertAll(Stream.of(null, "", " ", "   ", "\t\n", "\u3000").map(text -> () -> {
            ValidationException e = assertThrows(ValidationException.class, () -> FullTextQuery.matching(text).build(),
                    "query [" + text + "]");
            assertEquals("query", e.field());
        }));
    }

    @Test
    void queryLongerThanTheLimitIsRejectedAndTheLimitItselfAccepted() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> FullTextQuery.matching("a".repeat(FullTextQuery.MAX_LENGTH + 1)).build());
        assertEquals("query", e.field());
        assertTrue(e.getMessage().contains(String.valueOf(FullTextQuery.MAX_LENGTH)), e.getMessage());

        FullTextQuery longest = FullTextQuery.matching("a".repeat(FullTextQuery.MAX_LENGTH)).build();
        assertDoesNotThrow(() -> services().fullText().search(longest));
        FullTextQuery padded = FullTextQuery.matching("  " + "a".repeat(FullTextQuery.MAX_LENGTH) + "  ").build();
        assertEquals("a".repeat(FullTextQuery.MAX_LENGTH), padded.text(), "surrounding blanks do not count");
    }

    @Test
    void badPagingIsRejectedWithTheFieldName() {
        record Case(String field, FullTextQuery.Builder builder) { }
        for (Case c : List.of(
                new Case("limit", FullTextQuery.matching("token").page(0, 0)),
                new Case("limit", FullTextQuery.matching("token").page(0, FullTextQuery.MAX_LIMIT + 1)),
                new Case("limit", FullTextQuery.matching("token").page(0, -5)),
                new Case("offset", FullTextQuery.matching("token").page(-1, 10)),
                new Case("snippetsPerSession", FullTextQuery.matching("token").snippetsPerSession(0)),
                new Case("snippetsPerSession", FullTextQuery.matching("token").snippetsPerSession(-1)),
                new Case("snippetsPerSession", FullTextQuery.matching("token")
                        .snippetsPerSession(FullTextQuery.MAX_SNIPPETS_PER_SESSION + 1)))) {
            ValidationException e = assertThrows(ValidationException.class, c.builder()::build, c.field());
            assertEquals(c.field(), e.field());
        }
        assertThrows(ValidationException.class, () -> FullTextQuery.matching("token").highlightTags(null, "x"));

        FullTextPage widest = search(FullTextQuery.matching("token").page(0, FullTextQuery.MAX_LIMIT)
                .snippetsPerSession(FullTextQuery.MAX_SNIPPETS_PER_SESSION));
        assertEquals(3, widest.hits().size());
        FullTextPage smallest = search(FullTextQuery.matching("token").page(2, 1));
        assertEquals(1, smallest.hits().size());
        assertEquals(3, smallest.totalSessions());
    }
}
