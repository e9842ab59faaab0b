package dev.ait42.session.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthCharFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.KeywordRepeatFilter;
import org.apache.lucene.analysis.miscellaneous.RemoveDuplicatesTokenFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.hibernate.search.backend.lucene.analysis.LuceneAnalysisConfigurationContext;
import org.hibernate.search.backend.lucene.analysis.LuceneAnalysisConfigurer;

import java.io.Reader;

/**
 * The analyzers of the full-text index. Chat history mixes English and Japanese, often in one
 * sentence, so each analyzer handles both: English words are lowercased, lose possessives and
 * stop words and are Porter-stemmed; Japanese, written without spaces, is cut into searchable
 * units. Full-width Latin letters and half-width katakana are folded first ({@code ＪＷＴ} finds
 * {@code jwt}).
 *
 * <p>Two ways of cutting Japanese were measured on real sentences ({@code JapaneseAnalysisQualityTest}):
 * kuromoji's morphological analysis and CJK bigrams; {@link #TEXT} uses the bigrams. Kuromoji is a
 * test dependency only (its dictionary is a few megabytes): the test builds its analyzer from
 * {@link MixedAnalyzer} and {@link #english}, as the bigram one is built here.
 */
public final class TextAnalysis implements LuceneAnalysisConfigurer {

    /**
     * Name of the analyzer every full-text field is indexed with: {@link #indexAnalyzer()}, which
     * keeps each word as written beside its stem, so that a prefix matches the words a user sees.
     */
    public static final String TEXT = "ait42_text";

    /** Name of the analyzer of query words: {@link #textAnalyzer()}, stems only. */
    public static final String QUERY = "ait42_query";

    /** Hibernate Search instantiates the configurer through this constructor. */
    public TextAnalysis() {
    }

    @Override
    public void configure(LuceneAnalysisConfigurationContext context) {
        context.analyzer(TEXT).instance(indexAnalyzer());
        context.analyzer(QUERY).instance(textAnalyzer());
    }

    /** The analysis of words: what a query's words become, and the stems the index holds. */
    public static Analyzer textAnalyzer() {
        return cjkBigrams();
    }

    /**
     * The analyzer of the index's text fields: {@link #textAnalyzer()}, plus each word as written
     * (lowercased, width-folded) at the same position as its stem when they differ
     * ({@code notifications} and {@code notif}). Words of a query become stems and find the
     * stems; a prefix ({@code notificat*}) is only lowercased and finds the words as written,
     * which a stem ({@code notif}) would not. The extra tokens share their word's position, so
     * field lengths, and with them the ranking of plain words, are unchanged.
     */
    public static Analyzer indexAnalyzer() {
        return new MixedAnalyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer tokenizer = new StandardTokenizer();
                TokenStream stream = new CJKBigramFilter(new LowerCaseFilter(tokenizer));
                stream = new StopFilter(new EnglishPossessiveFilter(stream), EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
                stream = new PorterStemFilter(new KeywordRepeatFilter(stream));
                return new TokenStreamComponents(tokenizer, new RemoveDuplicatesTokenFilter(stream));
            }
        };
    }

    /** Overlapping pairs of Japanese (and other CJK) characters; no dictionary to miss a word. */
    public static Analyzer cjkBigrams() {
        return new MixedAnalyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer tokenizer = new StandardTokenizer();
                TokenStream stream = new CJKBigramFilter(new LowerCaseFilter(tokenizer));
                return new TokenStreamComponents(tokenizer, english(stream));
            }
        };
    }

    /** The English part of every analyzer: possessives, stop words, Porter stemming. */
    static TokenStream english(TokenStream lowercased) {
        TokenStream stream = new EnglishPossessiveFilter(lowercased);
        stream = new StopFilter(stream, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
        return new PorterStemFilter(stream);
    }

    /** Folds character widths before tokenizing, so both tokenizers see the same letters. */
    abstract static class MixedAnalyzer extends Analyzer {
        @Override
        protected Reader initReader(String fieldName, Reader reader) {
            return new CJKWidthCharFilter(reader);
        }

        @Override
        protected Reader initReaderForNormalization(String fieldName, Reader reader) {
            return new CJKWidthCharFilter(reader);
        }

        @Override
        protected TokenStream normalize(String fieldName, TokenStream in) {
            return new LowerCaseFilter(in);
        }
    }
}
