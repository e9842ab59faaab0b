package dev.ait42.session.search;

import dev.ait42.session.model.Session;
import dev.ait42.session.repository.InstanceOutput;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static dev.ait42.session.Fixtures.instance;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Japanese and English as agents write them, often in one sentence: words found in the middle
 * of Japanese sentences, katakana loanwords inside compounds, full-width and half-width forms,
 * English stemming and case. Sentences sit in tasks, messages and instance outputs alike.
 */
class FullTextLanguageTest extends FullTextTestSupport {

    @BeforeEach
    void seed() {
        // as an instance output
        Session d1 = session("d1", "作業");
        d1.addInstance(instance(0, "alpha"));
        save(d1);
        repo.saveInstanceOutput(ws, "d1", 0,
                new InstanceOutput("リフレッシュトークンのローテーションを実装しました。", null, null, null, null));
        // as messages
        save("d2", "作業", "アクセストークンの有効期限を15分に短縮する。");
        save("d3", "作業", "JWTの署名検証でエラーが発生しています。");
        save("d5", "作業", "データベースのマイグレーションが失敗したのでロールバックします。");
        // as tasks
        save("d6", "ユーザー認証機能のテストを追加してください。");
        save("d11", "ＡＰＩのレスポンスが遅いので、キャッシュを導入しました。");
        save("d12", "ｷｬｯｼｭの無効化に失敗しました。");
        save("d22", "作業", "このPRではrefresh tokenのrotationを追加した。");
        save("d29", "作業", "認証トークンを安全に保存する方法を検討した。");
        save("en1", "Key management", "We rotated the signing keys yesterday.");
        save("en2", "Key management", "The nightly ROTATION job is flaky.");
    }

    @Test
    void japaneseWordsInTheMiddleOfSentencesAreFound() {
        assertEquals(Set.of("d6", "d29"), found("認証"));
        assertEquals(Set.of("d2"), found("有効期限"));
        assertEquals(Set.of("d3"), found("署名"));
        assertEquals(Set.of("d3"), found("検証"));
        assertEquals(Set.of("d5"), found("マイグレーション"));
        assertEquals(Set.of("d5"), found("ロールバック"));
        assertEquals(Set.of("d1"), found("実装"));
        assertEquals(Set.of("d6"), found("機能"));
    }

    @Test
    void katakanaLoanwordIsFoundInsideACompound() {
        assertEquals(Set.of("d1", "d2", "d29"), found("トークン"), "リフレッシュトークン, アクセストークン, 認証トークン");
        assertEquals(Set.of("d1"), found("リフレッシュ"));
        assertEquals(Set.of("d1"), found("ローテーション"));
    }

    @Test
    void severalJapaneseWordsMustAllMatch() {
        assertEquals(Set.of("d1"), found("トークン ローテーション"));
        assertEquals(Set.of("d2"), found("トークン　有効期限"), "an ideographic space separates words too");
        assertEquals(Set.of("d1"), found("トークンのローテーション"));
        assertEquals(Set.of(), found("トークン マイグレーション"));
    }

    @Test
    void fullWidthAndHalfWidthFormsAreFolded() {
        assertEquals(Set.of("d11"), found("api"));
        assertEquals(Set.of("d11"), found("API"));
        assertEquals(Set.of("d11"), found("ＡＰＩ"));
        assertEquals(Set.of("d3"), found("ＪＷＴ"), "full-width query, half-width text");
        assertEquals(Set.of("d11", "d12"), found("キャッシュ"), "full-width query finds half-width ｷｬｯｼｭ");
        assertEquals(Set.of("d11", "d12"), found("ｷｬｯｼｭ"), "half-width query finds full-width キャッシュ");
    }

    @Test
    void englishWordsAreStemmed() {
        // Porter: rotation, rotated, rotating and rotations all become "rotat"
        assertEquals(Set.of("d22", "en1", "en2"), found("rotating"));
        assertEquals(Set.of("d22", "en1", "en2"), found("rotations"));
        assertEquals(Set.of("d22", "en1", "en2"), found("rotated"));
        assertEquals(Set.of("d22"), found("tokens"));
        assertEquals(Set.of("en1"), found("sign"));
    }

    @Test
    void englishWordInsideAJapaneseSentenceIsFound() {
        assertEquals(Set.of("d22", "en1", "en2"), found("rotation"));
        assertEquals(Set.of("d22"), found("refresh token"));
        assertEquals(Set.of("d22"), found("PR"));
        assertEquals(Set.of("d22"), found("rotation 追加"), "English and Japanese words together");
        assertEquals(Set.of("d3"), found("jwt 署名"));
    }

    @Test
    void englishIsCaseInsensitive() {
        assertEquals(Set.of("d3"), found("jwt"));
        assertEquals(Set.of("d3"), found("Jwt"));
        assertEquals(Set.of("d22", "en1", "en2"), found("ROTATION"));
        assertEquals(Set.of("d22", "en1", "en2"), found("RoTaTiOn"));
    }

    @Test
    void englishStopWordsAloneMatchNothingButDoNotBreakAQuery() {
        assertEquals(Set.of(), found("the"));
        assertEquals(Set.of("en2"), found("the nightly job"), "stop words in a query are ignored");
    }
}
