package dev.ait42.session.search;

import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.cjk.CJKWidthCharFilter;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OpenSearch folds widths with a {@code mapping} filter built from {@link OpenSearchAnalysis#widthMappings()}:
 * applied as OpenSearch applies it (Lucene's {@link MappingCharFilter}, longest match first), the
 * table must fold every text as Lucene's {@link CJKWidthCharFilter} does on the Lucene backend.
 */
class OpenSearchAnalysisTest {

    private static final Pattern RULE = Pattern.compile("((?:\\\\u[0-9A-F]{4})+) => ((?:\\\\u[0-9A-F]{4})+)");

    @Test
    void theWidthTableFoldsEveryFormAsLucenesFilterDoes() throws IOException {
        NormalizeCharMap map = table();
        List<String> samples = new ArrayList<>();
        for (char c = '\uFF00'; c <= '\uFFEF'; c++) {
            samples.add(String.valueOf(c));
            samples.add(c + "\uFF9E");
            samples.add(c + "\uFF9F");
        }
        samples.add("ＪＷＴ ｶﾞｲﾄﾞ ﾊﾟｽﾜｰﾄﾞ plain ascii 認証トークン ｳﾞｧ");
        for (String text : samples) {
            assertEquals(read(new CJKWidthCharFilter(new StringReader(text))),
                    read(new MappingCharFilter(map, new StringReader(text))), "folding of " + escape(text));
        }
    }

    @Test
    void everyRuleIsEscapedSoNoFoldedPunctuationBreaksIt() {
        List<String> rules = OpenSearchAnalysis.widthMappings();
        assertTrue(rules.size() > 150, "rules: " + rules.size());
        rules.forEach(rule -> assertTrue(RULE.matcher(rule).matches(), rule));
    }

    private static NormalizeCharMap table() {
        NormalizeCharMap.Builder builder = new NormalizeCharMap.Builder();
        for (String rule : OpenSearchAnalysis.widthMappings()) {
            Matcher m = RULE.matcher(rule);
            assertTrue(m.matches(), rule);
            builder.add(unescape(m.group(1)), unescape(m.group(2)));
        }
        return builder.build();
    }

    private static String unescape(String escaped) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < escaped.length(); i += 6) {
            out.append((char) Integer.parseInt(escaped.substring(i + 2, i + 6), 16));
        }
        return out.toString();
    }

    private static String read(Reader reader) throws IOException {
        StringBuilder out = new StringBuilder();
        for (int c = reader.read(); c >= 0; c = reader.read()) {
            out.append((char) c);
        }
        return out.toString();
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        text.chars().forEach(c -> out.append(String.format("\\u%04X", c)));
        return out.toString();
    }
}
