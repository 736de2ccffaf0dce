package io.acicni.epwriter.files;

import java.util.Arrays;

/**
 * The compact JSON of a document printed by {@link GoJson}, byte for byte what Jackson writes after
 * reading those bytes into a tree ({@code writeValueAsBytes(readTree(bytes))}), without building the
 * tree: whitespace between tokens is dropped, and inside strings Go's escapes become Jackson's
 * (<code>&#92;u003c</code>, <code>&#92;u003e</code>, <code>&#92;u0026</code>, U+2028 and U+2029 are written as the characters;
 * other control characters as <code>&#92;u00XX</code> with upper-case hex, or their short escape;
 * characters outside the BMP, printed as 4-byte UTF-8, as their escaped UTF-16 surrogate pair).
 * Audit events carry files' {@code before}/{@code after} in this form.
 *
 * <p>Only for bytes printed by {@link GoJson} (what this process wrote: the written-files cache, the
 * desired content). Anything else it does not expect — a surrogate escape, {@code -0}, an unknown
 * escape, a truncated document — makes {@link #of} return null, and the caller reads a tree instead.
 */
public final class CompactJson {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private CompactJson() {
    }

    /** The compact form, or null when the bytes are not in the form {@link GoJson} prints. */
    public static byte[] of(byte[] printed) {
        byte[] out = new byte[printed.length];
        int n = 0;
        int i = 0;
        int len = printed.length;
        while (i < len) {
            byte b = printed[i++];
            switch (b) {
                case ' ', '\n', '\r', '\t' -> {
                }
                case '"' -> {
                    out[n++] = '"';
                    while (true) {
                        if (i >= len) {
                            return null;
                        }
                        byte c = printed[i++];
                        if (c == '"') {
                            out[n++] = '"';
                            break;
                        }
                        if ((c & 0xff) < 0x20) {
                            return null; // raw control character: not JSON
                        }
                        if ((c & 0xF8) == 0xF0) {
                            // 4-byte UTF-8 (outside the BMP): Jackson writes the UTF-16 surrogate pair as two escapes
                            if (i + 3 > len) {
                                return null;
                            }
                            int cp = ((c & 0x07) << 18) | ((printed[i] & 0x3F) << 12) | ((printed[i + 1] & 0x3F) << 6) | (printed[i + 2] & 0x3F);
                            i += 3;
                            // the only growth (4 bytes in, 12 out); everything else writes at most what it reads
                            out = ensure(out, n + 12 + (len - i));
                            n = escape(Character.highSurrogate(cp), out, n);
                            n = escape(Character.lowSurrogate(cp), out, n);
                            continue;
                        }
                        if (c != '\\') {
                            out[n++] = c;
                            continue;
                        }
                        if (i >= len) {
                            return null;
                        }
                        byte e = printed[i++];
                        switch (e) {
                            case '"', '\\', 'n', 'r', 't', 'b', 'f' -> {
                                out[n++] = '\\';
                                out[n++] = e;
                            }
                            case '/' -> out[n++] = '/';
                            case 'u' -> {
                                if (i + 4 > len) {
                                    return null;
                                }
                                int cp = hex(printed, i);
                                i += 4;
                                if (cp < 0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFD) {
                                    // U+FFFD escaped is GoJson's half surrogate pair: two keys that differed
                                    // only there now print alike, and the tree keeps one of them
                                    return null;
                                }
                                n = unescaped(cp, out, n);
                            }
                            default -> {
                                return null;
                            }
                        }
                    }
                }
                case '-' -> {
                    if (i < len && printed[i] == '0') {
                        return null; // -0 reads as 0: leave it to the tree
                    }
                    out[n++] = b;
                }
                default -> out[n++] = b;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** <code>&#92;uXXXX</code> with upper-case hex, as Jackson escapes. */
    private static int escape(int c, byte[] out, int n) {
        out[n++] = '\\';
        out[n++] = 'u';
        out[n++] = HEX[(c >> 12) & 0xF];
        out[n++] = HEX[(c >> 8) & 0xF];
        out[n++] = HEX[(c >> 4) & 0xF];
        out[n++] = HEX[c & 0xF];
        return n;
    }

    /** Writes one code point as Jackson does (short escape, <code>&#92;u00XX</code>, the ASCII byte, or UTF-8). */
    private static int unescaped(int cp, byte[] out, int n) {
        if (cp < 0x20) {
            char shortEscape = switch (cp) {
                case '\b' -> 'b';
                case '\t' -> 't';
                case '\n' -> 'n';
                case '\f' -> 'f';
                case '\r' -> 'r';
                default -> 0;
            };
            out[n++] = '\\';
            if (shortEscape != 0) {
                out[n++] = (byte) shortEscape;
            } else {
                n = escape(cp, out, n - 1);
            }
        } else if (cp == '"' || cp == '\\') {
            out[n++] = '\\';
            out[n++] = (byte) cp;
        } else if (cp < 0x80) {
            out[n++] = (byte) cp;
        } else if (cp < 0x800) {
            out[n++] = (byte) (0xC0 | (cp >> 6));
            out[n++] = (byte) (0x80 | (cp & 0x3F));
        } else {
            out[n++] = (byte) (0xE0 | (cp >> 12));
            out[n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
            out[n++] = (byte) (0x80 | (cp & 0x3F));
        }
        return n;
    }

    private static int hex(byte[] b, int at) {
        int v = 0;
        for (int k = at; k < at + 4; k++) {
            int d = Character.digit(b[k], 16);
            if (d < 0) {
                return -1;
            }
            v = (v << 4) | d;
        }
        return v;
    }

    private static byte[] ensure(byte[] out, int size) {
        return size <= out.length ? out : Arrays.copyOf(out, Math.max(size, out.length * 2));
    }
}
