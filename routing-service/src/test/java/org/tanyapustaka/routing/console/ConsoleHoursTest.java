package org.tanyapustaka.routing.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.tanyapustaka.routing.RoutingFixture.sessionOf;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tanyapustaka.routing.handover.ClosedDate;
import org.tanyapustaka.testsupport.TanyaTestResource;

/**
 * The console's service-hours page against the real database: closed dates added, removed and loaded from an
 * iCalendar file (all of it or, for a file that is no calendar, nothing), each change in the audit log; a librarian
 * is refused. The dates are in 2099, so the desk's hours for other tests stay as they are.
 */
@QuarkusTest
@QuarkusTestResource(value = TanyaTestResource.class, initArgs = @ResourceArg(name = "database", value = "routing"))
class ConsoleHoursTest {

    static final String HOLIDAYS = String.join("\r\n", "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//libur//ID",
            "BEGIN:VEVENT", "UID:1@test", "DTSTART;VALUE=DATE:20990101", "DTEND;VALUE=DATE:20990102",
            "SUMMARY:Tahun Baru 2099 Masehi", "END:VEVENT",
            "BEGIN:VEVENT", "UID:2@test", "DTSTART;VALUE=DATE:20990320", "DTEND;VALUE=DATE:20990322",
            "SUMMARY:Cuti Bersama Hari Raya Idul Fitri 1\\, ", " 2 Syawal", "END:VEVENT", "END:VCALENDAR", "");

    @Inject
    EntityManager em;

    @AfterEach
    void cleanUp() {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "DELETE FROM closed_date WHERE day >= DATE '2099-01-01'").executeUpdate());
    }

    @Test
    void holidaysLoadFromAnICalendarFileWholeOrNotAtAll() {
        String kepala = sessionOf("kepala");
        assertThat(upload(kepala, "libur-2099.ics", HOLIDAYS)).contains("3 tanggal tutup ditambahkan, 0 sudah tutup");
        assertThat(reason("2099-01-01")).isEqualTo("Tahun Baru 2099 Masehi");
        assertThat(reason("2099-03-20")).isEqualTo("Cuti Bersama Hari Raya Idul Fitri 1, 2 Syawal");
        assertThat(reason("2099-03-21")).isEqualTo("Cuti Bersama Hari Raya Idul Fitri 1, 2 Syawal");
        assertThat(reason("2099-03-22")).isNull(); // DTEND is exclusive
        assertThat(upload(kepala, "libur-2099.ics", HOLIDAYS)).contains("0 tanggal tutup ditambahkan, 3 sudah tutup");
        assertThat(QuarkusTransaction.requiringNew().call(() -> AuditEntry.latest("libur-2099.ics", 10)))
                .extracting(e -> e.action + " " + e.actor + " " + e.detail)
                .containsExactly("hours.calendar_imported kepala 0 added, 3 already closed",
                        "hours.calendar_imported kepala 3 added, 0 already closed");

        // A spreadsheet is no calendar; a calendar cut off in the middle is not taken either.
        assertThat(upload(kepala, "libur.csv", "tanggal,keterangan\r\n2099-05-01,Hari Buruh\r\n"))
                .contains("File libur.csv tidak bisa dibaca sebagai iCalendar").contains("Tidak ada tanggal yang disimpan");
        String cut = HOLIDAYS.replace("20990101", "20990601").replace("20990102", "20990602")
                .replace("END:VCALENDAR\r\n", "");
        assertThat(upload(kepala, "potong.ics", cut)).contains("tidak bisa dibaca sebagai iCalendar");
        assertThat(reason("2099-06-01")).isNull();
        String endless = HOLIDAYS.replace("20990322", "20991231");
        assertThat(upload(kepala, "semester.ics", endless)).contains("tidak bisa dibaca").contains("more than 31 days");
    }

    @Test
    void closedDatesAreAddedAndRemovedWithTheirReasonsAndAudited() {
        String kepala = sessionOf("kepala");
        given().cookie("tanya-desk", kepala).header("HX-Request", "true")
                .formParams(Map.of("date", "2099-07-01", "reason", "Rapat kerja perpustakaan"))
                .post("/console/hours/closed").then().statusCode(204).header("HX-Redirect", "/console/hours");
        assertThat(reason("2099-07-01")).isEqualTo("Rapat kerja perpustakaan");
        assertThat(given().cookie("tanya-desk", kepala).header("HX-Request", "true")
                .formParams(Map.of("date", "1 Juli", "reason", "x")).post("/console/hours/closed")
                .then().statusCode(200).extract().asString()).contains("Tanggal tidak valid");
        assertThat(given().cookie("tanya-desk", kepala).header("HX-Request", "true")
                .formParams(Map.of("date", "2099-07-02", "reason", " ")).post("/console/hours/closed")
                .then().statusCode(200).extract().asString()).contains("Tuliskan alasan tutup");
        assertThat(reason("2099-07-02")).isNull();

        String page = given().cookie("tanya-desk", kepala).get("/console/hours").then().statusCode(200).extract().asString();
        assertThat(page).contains("2099-07-01").contains("Rapat kerja perpustakaan").contains("Senin")
                .contains("Saat ini di luar jam layanan pustakawan").contains("Librarians are not on duty right now");

        given().cookie("tanya-desk", kepala).header("HX-Request", "true").post("/console/hours/closed/2099-07-01/remove")
                .then().statusCode(204);
        assertThat(reason("2099-07-01")).isNull();
        assertThat(QuarkusTransaction.requiringNew().call(() -> AuditEntry.latest("closed date 2099-07-01", 10)))
                .extracting(e -> e.action).containsExactly("hours.closed_date_removed", "hours.closed_date");

        String sari = sessionOf("sari");
        for (String path : List.of("/console/hours")) {
            assertThat(given().cookie("tanya-desk", sari).get(path).then().statusCode(403).extract().asString())
                    .contains("hanya untuk admin");
        }
        given().cookie("tanya-desk", sari).header("HX-Request", "true")
                .formParams(Map.of("date", "2099-07-03", "reason", "Libur pustakawan")).post("/console/hours/closed")
                .then().statusCode(403);
        assertThat(reason("2099-07-03")).isNull();
    }

    private static String upload(String session, String name, String content) {
        return given().cookie("tanya-desk", session).header("HX-Request", "true")
                .multiPart("file", name, content.getBytes(StandardCharsets.UTF_8), "text/calendar")
                .post("/console/hours/calendar").then().statusCode(200).extract().asString();
    }

    private static String reason(String day) {
        return QuarkusTransaction.requiringNew().call(() -> ClosedDate.<ClosedDate>findByIdOptional(LocalDate.parse(day))
                .map(c -> c.reason).orElse(null));
    }
}
