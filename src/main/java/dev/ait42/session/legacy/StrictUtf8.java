package dev.ait42.session.legacy;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Makes every byte sequence that is not UTF-8 one that Jackson refuses. Jackson's decoder checks
 * the shape of multi-byte sequences but lets some invalid ones through: overlong forms
 * ({@code C0 AF} read as {@code /}), UTF-16 surrogates encoded as UTF-8, code points above
 * U+10FFFF. This stream replaces the first byte that makes a sequence invalid with {@code FF}
 * (never valid UTF-8) and leaves every other byte, and every offset, as it is: the parser then
 * stops at that byte, inside the session that holds it, and the reader skips that session only.
 * ASCII bytes are never replaced (Jackson refuses them where a continuation byte belongs).
 */
final class StrictUtf8 extends FilterInputStream {

    private static final byte INVALID = (byte) 0xFF;

    /** Continuation bytes still expected in the current sequence. */
    private int pending;
    /** The allowed range of the next continuation byte (narrower after E0, ED, F0, F4). */
    private int low = 0x80;
    private int high = 0xBF;

    StrictUtf8(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        return b < 0 ? b : check((byte) b) & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        for (int i = offset; i < offset + n; i++) {
            if (buffer[i] < 0 || pending > 0) {
                buffer[i] = check(buffer[i]);
            }
        }
        return n;
    }

    private byte check(byte value) {
        int b = value & 0xFF;
        if (pending > 0) {
            if (b >= low && b <= high) {
                pending--;
                low = 0x80;
                high = 0xBF;
                return value;
            }
            pending = 0;
            low = 0x80;
            high = 0xBF;
            if (b >= 0x80 && b <= 0xBF) {
                return INVALID; // a continuation byte out of the allowed range: Jackson would take it
            }
            // ASCII or a lead byte where a continuation belongs: Jackson refuses it; read it anew
        }
        if (b < 0x80) {
            return value;
        }
        if (b >= 0xC2 && b <= 0xDF) {
            pending = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
            pending = 2;
            low = b == 0xE0 ? 0xA0 : 0x80;
            high = b == 0xED ? 0x9F : 0xBF;
        } else if (b >= 0xF0 && b <= 0xF4) {
            pending = 3;
            low = b == 0xF0 ? 0x90 : 0x80;
            high = b == 0xF4 ? 0x8F : 0xBF;
        } else {
            return INVALID; // 80-C1, F5-FF: never the start of a character
        }
        return value;
    }
}
