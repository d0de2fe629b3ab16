package org.tanyapustaka.routing.console;

/** One CSV cell (RFC 4180), safe to open in a spreadsheet: a leading =, +, - or @ is not taken for a formula. */
final class AuditCsv {

    private AuditCsv() {
    }

    static String cell(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
