package org.tanyapustaka.bench.catalogsearch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The 300 real Indonesian records of {@code data/indonesian/catalogue-id.csv}, written straight into the
 * catalog-service database the way its CSV import maps them (source {@code catalogue-csv}, source id = the id
 * column, {@code copies} available copies with barcodes {@code <id>-1 … <id>-n} at {@code location}). The
 * {@code bib_record} triggers of the service's migration compute the search vector and the word list.
 */
final class RealCatalogue {

    static final String SOURCE = "catalogue-csv";

    record Book(String id, String title, String subtitle, List<String> authors, String publisher, String place,
            Integer year, List<String> isbns, String language, List<String> subjects, String callNumber, int copies,
            String location) {
    }

    private final List<Book> books;

    private RealCatalogue(List<Book> books) {
        this.books = books;
    }

    static RealCatalogue read(Path csv) throws IOException {
        List<List<String>> rows = parseCsv(Files.readString(csv));
        List<String> header = rows.get(0);
        Map<String, Integer> column = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            column.put(header.get(i).strip(), i);
        }
        List<Book> books = new ArrayList<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            if (row.size() == 1 && row.get(0).isBlank()) {
                continue;
            }
            java.util.function.Function<String, String> f = name -> {
                Integer i = column.get(name);
                String v = i == null || i >= row.size() ? null : row.get(i).strip();
                return v == null || v.isEmpty() ? null : v;
            };
            String year = f.apply("year");
            String copies = f.apply("copies");
            String isbn = f.apply("isbn");
            books.add(new Book(f.apply("id"), f.apply("title"), f.apply("subtitle"), split(f.apply("authors")),
                    f.apply("publisher"), f.apply("place"), year == null ? null : Integer.valueOf(year),
                    isbn == null ? List.of() : List.of(isbn.replaceAll("[^0-9Xx]", "").toUpperCase()),
                    f.apply("language"), split(f.apply("subjects")), f.apply("ddc_call_number"),
                    copies == null ? 0 : Integer.parseInt(copies), f.apply("location")));
        }
        return new RealCatalogue(List.copyOf(books));
    }

    int size() {
        return books.size();
    }

    /** Inserts every record with its copies, in one transaction. */
    void load(Connection db) throws SQLException {
        boolean autoCommit = db.getAutoCommit();
        db.setAutoCommit(false);
        try (PreparedStatement record = db.prepareStatement("""
                INSERT INTO bib_record (source, source_id, title, subtitle, authors, publisher, place, year, isbns,
                                        language, subjects, call_number)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""");
                PreparedStatement copy = db.prepareStatement("""
                        INSERT INTO copy (record_id, barcode, call_number, location, status)
                        VALUES (?, ?, ?, ?, 'AVAILABLE')""")) {
            for (Book b : books) {
                record.setString(1, SOURCE);
                record.setString(2, b.id());
                record.setString(3, b.title());
                record.setString(4, b.subtitle());
                record.setArray(5, db.createArrayOf("text", b.authors().toArray()));
                record.setString(6, b.publisher());
                record.setString(7, b.place());
                if (b.year() == null) {
                    record.setNull(8, Types.INTEGER);
                } else {
                    record.setInt(8, b.year());
                }
                record.setArray(9, db.createArrayOf("text", b.isbns().toArray()));
                record.setString(10, b.language());
                record.setArray(11, db.createArrayOf("text", b.subjects().toArray()));
                record.setString(12, b.callNumber());
                long id;
                try (ResultSet rs = record.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
                for (int n = 1; n <= b.copies(); n++) {
                    copy.setLong(1, id);
                    copy.setString(2, b.id() + "-" + n);
                    copy.setString(3, b.callNumber());
                    copy.setString(4, b.location());
                    copy.addBatch();
                }
            }
            copy.executeBatch();
            db.commit();
        } catch (SQLException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(autoCommit);
        }
    }

    private static List<String> split(String value) {
        if (value == null) {
            return List.of();
        }
        return Arrays.stream(value.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}
