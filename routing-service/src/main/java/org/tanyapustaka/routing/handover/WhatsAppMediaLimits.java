package org.tanyapustaka.routing.handover;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What WhatsApp accepts from a business (Cloud API, supported media types): images as JPEG or PNG up to 5 MB, and
 * documents (PDF, Word, Excel, PowerPoint, plain text) up to 100 MB. A librarian's file is checked against these
 * before anything is stored or sent, so the librarian learns at once, in words, why a file cannot go.
 */
public final class WhatsAppMediaLimits {

    static final int MB = 1024 * 1024;

    /** How a file goes to the patron. */
    public enum Kind {
        IMAGE(5 * MB), DOCUMENT(100 * MB);

        /** WhatsApp's largest file of this kind, in bytes. */
        public final int maxBytes;

        Kind(int maxBytes) {
            this.maxBytes = maxBytes;
        }
    }

    /** Every type WhatsApp takes as an image or a document, with its usual name for the refusal message. */
    private static final Map<String, Kind> TYPES = Map.ofEntries(
            Map.entry("image/jpeg", Kind.IMAGE),
            Map.entry("image/png", Kind.IMAGE),
            Map.entry("application/pdf", Kind.DOCUMENT),
            Map.entry("application/msword", Kind.DOCUMENT),
            Map.entry("application/vnd.openxmlformats-officedocument.wordprocessingml.document", Kind.DOCUMENT),
            Map.entry("application/vnd.ms-excel", Kind.DOCUMENT),
            Map.entry("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Kind.DOCUMENT),
            Map.entry("application/vnd.ms-powerpoint", Kind.DOCUMENT),
            Map.entry("application/vnd.openxmlformats-officedocument.presentationml.presentation", Kind.DOCUMENT),
            Map.entry("text/plain", Kind.DOCUMENT));

    /** For the refusal message: what a librarian may send. */
    public static final String ALLOWED = "JPEG or PNG images (at most 5 MB), and PDF, Word (doc, docx), Excel (xls, "
            + "xlsx), PowerPoint (ppt, pptx) or plain text documents (at most 100 MB)";

    private WhatsAppMediaLimits() {
    }

    /** The file's MIME type without parameters (e.g. {@code text/plain; charset=utf-8} → {@code text/plain}). */
    public static String essence(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    /** Every type WhatsApp takes, with how it goes (for the desk page's own check before uploading). */
    public static Map<String, Kind> types() {
        return TYPES;
    }

    /** How a file of this type goes to the patron, or empty when WhatsApp does not take it. */
    public static Optional<Kind> kindOf(String mimeType) {
        return Optional.ofNullable(TYPES.get(essence(mimeType)));
    }

    /**
     * Whether the first bytes are those of the declared type, for the types with a signature (JPEG, PNG, PDF);
     * WhatsApp refuses an upload whose content is not what its type says.
     */
    public static boolean contentMatches(String mimeType, byte[] content) {
        return switch (essence(mimeType)) {
            case "image/jpeg" -> startsWith(content, 0xFF, 0xD8, 0xFF);
            case "image/png" -> startsWith(content, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);
            case "application/pdf" -> startsWith(content, '%', 'P', 'D', 'F', '-');
            default -> true;
        };
    }

    private static boolean startsWith(byte[] content, int... prefix) {
        if (content.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((content[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** A size in words: "5 MB", "812 KB". */
    public static String describe(long bytes) {
        if (bytes >= MB) {
            return (bytes % MB == 0 ? String.valueOf(bytes / MB) : String.format(Locale.ROOT, "%.1f", bytes / (double) MB))
                    + " MB";
        }
        return Math.max(1, (bytes + 1023) / 1024) + " KB";
    }
}
