package dev.ait42.session.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ja.JapaneseAnalyzer;
import org.apache.lucene.analysis.ja.JapaneseBaseFormFilter;
import org.apache.lucene.analysis.ja.JapaneseKatakanaStemFilter;
import org.apache.lucene.analysis.ja.JapanesePartOfSpeechStopFilter;
import org.apache.lucene.analysis.ja.JapaneseTokenizer;

/**
 * The dictionary-based alternative to the index's CJK bigrams, measured against them by
 * {@link JapaneseAnalysisQualityTest} and rejected; it lives with the tests so that kuromoji (a
 * test dependency) stays out of the library. Same width folding and English handling as
 * {@link TextAnalysis#textAnalyzer()}, so only the cutting of Japanese differs.
 */
final class KuromojiAnalysis {

    private KuromojiAnalysis() {
    }

    /**
     * Kuromoji in search mode (long compounds are also split into their parts), verbs and
     * adjectives reduced to their dictionary form, particles and auxiliaries dropped.
     */
    static Analyzer kuromoji() {
        return new TextAnalysis.MixedAnalyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer tokenizer = new JapaneseTokenizer(null, true, JapaneseTokenizer.Mode.SEARCH);
                TokenStream stream = new JapaneseBaseFormFilter(tokenizer);
                stream = new JapanesePartOfSpeechStopFilter(stream, JapaneseAnalyzer.getDefaultStopTags());
                stream = new JapaneseKatakanaStemFilter(stream);
                return new TokenStreamComponents(tokenizer, TextAnalysis.english(new LowerCaseFilter(stream)));
            }
        };
    }
}
