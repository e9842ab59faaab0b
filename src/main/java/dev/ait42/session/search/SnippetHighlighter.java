package dev.ait42.session.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.TermToBytesRefAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.simple.SimpleQueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.automaton.ByteRunAutomaton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Marks the words of one query in the texts of its hits. The text is re-analysed with the
 * index's analyzer and every token that is one of the query's terms (or matches its prefix or
 * fuzzy terms) is marked, overlapping and touching marks merged, so a Japanese word found as
 * bigrams is marked whole ({@code **マイグレーション**が**失敗**}) and a stem is marked as
 * written ({@code **rotated**}). Snippets are windows of at most {@link #SNIPPET_CHARS}
 * characters around the marks, with an ellipsis where the text was cut.
 *
 * <p>Why not Hibernate Search's highlight projections: with no offsets in the index they build an
 * in-memory index per hit and field (measured: about half of a search's time), and Lucene's
 * highlighters stop reading a text after 10,000 characters, where terminal outputs go on.
 */
final class SnippetHighlighter {

    /** Longest snippet, tags included, ellipses not. */
    static final int SNIPPET_CHARS = 200;
    private static final int CONTEXT_BEFORE = 60;
    private static final int FRAGMENTS = 2;
    private static final String FIELD = "text";
    private static final Analyzer QUERY_ANALYZER = TextAnalysis.textAnalyzer();
    /** Texts are analysed as the index does: a prefix finds the words as written. */
    private static final Analyzer ANALYZER = TextAnalysis.indexAnalyzer();
    /** Captured outputs can be hundreds of KB: look that far for the words, no further. */
    private static final int MAX_ANALYZED_CHARS = 2_000_000;

    private final Set<BytesRef> terms = new HashSet<>();
    private final List<ByteRunAutomaton> patterns = new ArrayList<>();
    private final String preTag;
    private final String postTag;

    SnippetHighlighter(String queryText, String preTag, String postTag) {
        this.preTag = preTag;
        this.postTag = postTag;
        SimpleQueryParser parser = new SimpleQueryParser(QUERY_ANALYZER, FIELD);
        parser.setDefaultOperator(BooleanClause.Occur.MUST);
        Query query = parser.parse(queryText);
        if (query != null) {
            query.visit(new QueryVisitor() {
                @Override
                public void consumeTerms(Query q, Term... found) {
                    for (Term term : found) {
                        terms.add(BytesRef.deepCopyOf(term.bytes()));
                    }
                }

                @Override
                public void consumeTermsMatching(Query q, String field, Supplier<ByteRunAutomaton> automaton) {
                    patterns.add(automaton.get());
                }

                @Override
                public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
                    // Excluded words (-word) are not in the hits: nothing to mark.
                    return occur == BooleanClause.Occur.MUST_NOT ? QueryVisitor.EMPTY_VISITOR : this;
                }
            });
        }
    }

    /** Up to two windows of {@code text} with the query's words marked; empty if none is in it. */
    List<String> snippets(String text) {
        if (text == null || text.isEmpty() || (terms.isEmpty() && patterns.isEmpty())) {
            return List.of();
        }
        List<int[]> marks = marks(text);
        List<String> snippets = new ArrayList<>();
        int next = 0;
        while (next < marks.size() && snippets.size() < FRAGMENTS) {
            Window window = render(text, marks, next);
            snippets.add(window.text());
            next = window.nextMark();
        }
        return snippets;
    }

    /** A rendered snippet, and the first mark it does not show. */
    private record Window(String text, int nextMark) {
    }

    /** Character ranges [start, end) of the query's words, sorted, overlapping ones merged. */
    private List<int[]> marks(String text) {
        List<int[]> marks = new ArrayList<>();
        try (TokenStream tokens = ANALYZER.tokenStream(FIELD, text)) {
            TermToBytesRefAttribute term = tokens.addAttribute(TermToBytesRefAttribute.class);
            OffsetAttribute offset = tokens.addAttribute(OffsetAttribute.class);
            tokens.reset();
            while (tokens.incrementToken() && offset.startOffset() < MAX_ANALYZED_CHARS) {
                if (isQueryTerm(term.getBytesRef())) {
                    int start = offset.startOffset();
                    int end = offset.endOffset();
                    int[] last = marks.isEmpty() ? null : marks.get(marks.size() - 1);
                    if (last != null && start <= last[1]) {
                        last[1] = Math.max(last[1], end);
                    } else {
                        marks.add(new int[] {start, end});
                    }
                }
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot analyse a text in memory", e);
        }
        return marks;
    }

    private boolean isQueryTerm(BytesRef bytes) {
        if (terms.contains(bytes)) {
            return true;
        }
        for (ByteRunAutomaton pattern : patterns) {
            if (pattern.run(bytes.bytes, bytes.offset, bytes.length)) {
                return true;
            }
        }
        return false;
    }

    /** The window starting a little before mark {@code first}. */
    private Window render(String text, List<int[]> marks, int first) {
        int start = safe(text, Math.max(0, marks.get(first)[0] - CONTEXT_BEFORE));
        StringBuilder out = new StringBuilder(SNIPPET_CHARS + 2);
        if (start > 0) {
            out.append(Snippets.ELLIPSIS);
        }
        int budget = SNIPPET_CHARS;
        int mark = first;
        int i = start;
        while (i < text.length()) {
            boolean opens = mark < marks.size() && i == marks.get(mark)[0];
            if (opens) {
                int[] m = marks.get(mark);
                int cost = preTag.length() + (m[1] - m[0]) + postTag.length();
                if (cost > budget) {
                    break;
                }
                out.append(preTag).append(text, m[0], m[1]).append(postTag);
                budget -= cost;
                i = m[1];
                mark++;
                continue;
            }
            int width = Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length() ? 2 : 1;
            if (width > budget) {
                break;
            }
            out.append(text, i, i + width);
            budget -= width;
            i += width;
        }
        if (i < text.length()) {
            out.append(Snippets.ELLIPSIS);
        }
        while (mark < marks.size() && marks.get(mark)[0] < i) {
            mark++;
        }
        return new Window(out.toString(), mark);
    }

    private static int safe(String text, int index) {
        return index > 0 && Character.isLowSurrogate(text.charAt(index)) ? index - 1 : index;
    }
}
