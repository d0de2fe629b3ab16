package org.tanyapustaka.catalog.imports;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Replaces the control bytes XML 1.0 forbids (0x00-0x08, 0x0B, 0x0C, 0x0E-0x1F) in a UTF-8 stream with
 * {@link #MARKER}, so that one record carrying a raw MARC subfield delimiter (as Koha stores some) does not make
 * the whole file unreadable: the record with the marker is reported as a failure, its neighbours are read.
 * Such bytes never occur inside a multi-byte UTF-8 sequence, so replacing them byte by byte is safe.
 */
final class XmlControlCharacters extends FilterInputStream {

    /** U+FDD0, a Unicode noncharacter reserved for internal use: legal in XML, never in real catalogue data. */
    static final char MARKER = '\uFDD0';
    private static final byte[] MARKER_UTF8 = {(byte) 0xEF, (byte) 0xB7, (byte) 0x90};

    private final byte[] raw = new byte[8192];
    private int rawPos;
    private int rawLen;
    private int pending;

    XmlControlCharacters(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        int n = 0;
        while (n < length) {
            if (pending > 0) {
                buffer[offset + n++] = MARKER_UTF8[3 - pending--];
            } else if (rawPos < rawLen) {
                int b = raw[rawPos++] & 0xFF;
                if (isForbidden(b)) {
                    buffer[offset + n++] = MARKER_UTF8[0];
                    pending = 2;
                } else {
                    buffer[offset + n++] = (byte) b;
                }
            } else if (n > 0) {
                break; // return what we have rather than block for more
            } else {
                int r = in.read(raw, 0, raw.length);
                if (r < 0) {
                    return -1;
                }
                rawPos = 0;
                rawLen = r;
            }
        }
        return n;
    }

    @Override
    public int available() throws IOException {
        return pending + (rawLen - rawPos) + in.available();
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = 0;
        while (skipped < n && read() >= 0) {
            skipped++;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    static boolean isForbidden(int b) {
        return b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D;
    }
}
