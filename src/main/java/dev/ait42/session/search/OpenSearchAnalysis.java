package dev.ait42.session.search;

import org.apache.lucene.analysis.cjk.CJKWidthCharFilter;
import org.hibernate.search.backend.elasticsearch.analysis.ElasticsearchAnalysisConfigurationContext;
import org.hibernate.search.backend.elasticsearch.analysis.ElasticsearchAnalysisConfigurer;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link TextAnalysis}'s two analyzers for OpenSearch, under the same names and built from the
 * same Lucene components in the same order, so the mapping and the tokens are the same on both
 * backends: width folding, the standard tokenizer, lowercasing, CJK bigrams, English possessives,
 * English stop words, Porter stemming (the index's analyzer keeps each word as written beside
 * its stem, duplicates removed).
 *
 * <p>OpenSearch has no width-folding character filter; a {@code mapping} character filter does the
 * same, with its table computed from Lucene's own {@link CJKWidthCharFilter}, so the two cannot
 * drift apart (half-width katakana followed by a voicing mark fold to one character, as there).
 */
public final class OpenSearchAnalysis implements ElasticsearchAnalysisConfigurer {

    private static final String WIDTH = "ait42_width";
    private static final String POSSESSIVE = "ait42_possessive";
    private static final String STOP = "ait42_stop";
    /** Half-width voiced and semi-voiced sound marks, which fold into the katakana before them. */
    private static final char[] VOICING_MARKS = {'\uFF9E', '\uFF9F'};

    /** Hibernate Search instantiates the configurer through this constructor. */
    public OpenSearchAnalysis() {
    }

    @Override
    public void configure(ElasticsearchAnalysisConfigurationContext context) {
        context.charFilter(WIDTH).type("mapping").param("mappings", widthMappings().toArray(String[]::new));
        context.tokenFilter(POSSESSIVE).type("stemmer").param("language", "possessive_english");
        // the same list as Lucene's EnglishAnalyzer.ENGLISH_STOP_WORDS_SET
        context.tokenFilter(STOP).type("stop").param("stopwords", "_english_");
        context.analyzer(TextAnalysis.TEXT).custom()
                .tokenizer("standard")
                .charFilters(WIDTH)
                .tokenFilters("lowercase", "cjk_bigram", POSSESSIVE, STOP, "keyword_repeat", "porter_stem",
                        "remove_duplicates");
        context.analyzer(TextAnalysis.QUERY).custom()
                .tokenizer("standard")
                .charFilters(WIDTH)
                .tokenFilters("lowercase", "cjk_bigram", POSSESSIVE, STOP, "porter_stem");
    }

    /**
     * The rules of the {@code mapping} filter ({@code \\uFF21 => \\u0041}): every character of the
     * half-width and full-width forms block that Lucene's filter changes, and every half-width
     * katakana that a following voicing mark changes further.
     */
    static List<String> widthMappings() {
        List<String> rules = new ArrayList<>();
        for (char c = '\uFF00'; c <= '\uFFEF'; c++) {
            String single = String.valueOf(c);
            String folded = fold(single);
            if (!folded.equals(single)) {
                rules.add(rule(single, folded));
            }
            if (c >= '\uFF66' && c <= '\uFF9D') { // half-width katakana
                for (char mark : VOICING_MARKS) {
                    String pair = single + mark;
                    String pairFolded = fold(pair);
                    if (!pairFolded.equals(folded + fold(String.valueOf(mark)))) {
                        rules.add(rule(pair, pairFolded));
                    }
                }
            }
        }
        return rules;
    }

    private static String fold(String text) {
        try (Reader reader = new CJKWidthCharFilter(new StringReader(text))) {
            StringBuilder out = new StringBuilder();
            for (int c = reader.read(); c >= 0; c = reader.read()) {
                out.append((char) c);
            }
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot fold a string in memory", e);
        }
    }

    /** Escaped, so that folded punctuation ({@code =}, {@code >}, {@code \}) cannot break the rule. */
    private static String rule(String from, String to) {
        return escape(from) + " => " + escape(to);
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        text.chars().forEach(c -> out.append(String.format("\\u%04X", c)));
        return out.toString();
    }
}
