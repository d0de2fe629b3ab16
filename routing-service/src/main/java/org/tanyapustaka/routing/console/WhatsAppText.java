package org.tanyapustaka.routing.console;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tanyapustaka.routing.signin.SignedInPage;

/**
 * A message body as WhatsApp shows it, as HTML for the console's preview: {@code *bold*}, {@code _italic_},
 * {@code ~strike~}, {@code ```monospace```}, line breaks. As in WhatsApp, a marker counts only around a word (not
 * inside one, e.g. the underscores of {@code usulan_buku}) and never across a line break. Everything else is
 * escaped.
 */
public final class WhatsAppText {

    private static final Pattern MONO = Pattern.compile("```(.+?)```", Pattern.DOTALL);

    private WhatsAppText() {
    }

    public static String toHtml(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String html = SignedInPage.escape(text.replace("\r\n", "\n"));
        html = replace(MONO, html, "<code>", "</code>");
        html = replace(marker('*'), html, "<strong>", "</strong>");
        html = replace(marker('_'), html, "<em>", "</em>");
        html = replace(marker('~'), html, "<s>", "</s>");
        return html.replace("\n", "<br>\n");
    }

    /** {@code m…m} starting and ending at a word boundary, with no blank just inside the markers. */
    private static Pattern marker(char m) {
        String q = Pattern.quote(String.valueOf(m));
        return Pattern.compile("(?<![\\p{L}\\p{N}" + q + "])" + q + "(?=\\S)([^\\n" + q + "]*?\\S)" + q
                + "(?![\\p{L}\\p{N}" + q + "])");
    }

    private static String replace(Pattern pattern, String html, String open, String close) {
        Matcher m = pattern.matcher(html);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(open + m.group(1) + close));
        }
        m.appendTail(out);
        return out.toString();
    }
}
