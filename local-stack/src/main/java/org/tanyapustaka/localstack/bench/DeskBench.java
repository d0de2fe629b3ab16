package org.tanyapustaka.localstack.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.tanyapustaka.localstack.ServiceJvm;
import org.tanyapustaka.testsupport.EmbeddedPostgresServer;
import org.tanyapustaka.testsupport.WhatsAppCloudStandIn;

/**
 * {@code ./tanya bench desk}: the librarians' desk pages (routing in the {@code local} profile with the development
 * sign-in) over a backlog made through the real path: patrons ask for a librarian by signed webhook, some of their
 * conversations are claimed on the desk, and the patrons write the transcript history. Then the first page (the
 * shell and the inbox list it loads) beside a trivial endpoint of the same JVM, and the live path: librarians
 * holding the desk's event stream and doing what the page does on each event (reloading the lists on {@code desk},
 * the header's counts on {@code desk} and {@code mine}, taking the rows sent with {@code rows}) while patrons write.
 * What a client receives is measured, not what a browser paints.
 */
final class DeskBench {

    private static final String ROUTING = "routing-service";
    private static final String ASK = "kak mau ngobrol sama pustakawan dong";
    private static final Pattern HANDOVER = Pattern.compile("data-handover=\"([0-9a-f-]{36})\"");
    private static final Pattern MARKER = Pattern.compile("bench-live-(\\d+)");

    private DeskBench() {
    }

    static void run(Path root, String heap, boolean statuses, List<String> texts, Map<String, String> options)
            throws Exception {
        int conversations = Bench.intOption(options, "conversations", 200);
        int lines = Bench.intOption(options, "lines", 10_000);
        int librarians = Bench.intOption(options, "librarians", 20);
        int claims = Bench.intOption(options, "claims", 3);
        int seedRate = Bench.intOption(options, "seed-rate", 100);
        List<String> routingOptions = new ArrayList<>(List.of("-Dquarkus.profile=local"));
        for (int i = 1; i <= librarians; i++) {
            routingOptions.add("-Drouting.desk.dev-sign-in.accounts." + username(i) + ".password=" + username(i));
            routingOptions.add("-Drouting.desk.dev-sign-in.accounts." + username(i) + ".roles=librarian");
        }
        try (BenchStack stack = new BenchStack(root, List.of("gateway-service", ROUTING), statuses, heap,
                Map.of(ROUTING, routingOptions))) {
            ServiceJvm routing = stack.service(ROUTING);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            List<String> cookies = new ArrayList<>();
            for (int i = 1; i <= librarians; i++) {
                cookies.add(signIn(http, routing, username(i)));
            }
            List<String> patrons = IntStream.range(0, conversations).mapToObj(i -> String.format("62819%07d", i))
                    .toList();
            long seedStart = System.nanoTime();
            seed(stack, http, cookies, patrons, texts, lines, claims, seedRate);
            System.out.printf(Locale.ROOT, "Seeded in %.0f s: %d open conversations (%d waiting, %d assigned), "
                    + "%d transcript lines, %d librarians signed in; load average now %s%n%n",
                    (System.nanoTime() - seedStart) / 1e9, count(stack, "SELECT count(*) FROM handover WHERE status <> 'closed'"),
                    count(stack, "SELECT count(*) FROM handover WHERE status = 'queued'"),
                    count(stack, "SELECT count(*) FROM handover WHERE status = 'assigned'"),
                    count(stack, "SELECT count(*) FROM transcript_entry"), librarians, loadAverage());
            firstPage(routing, http, cookies.get(0), Bench.intOption(options, "requests", 300),
                    Bench.intOption(options, "concurrency", 8), Bench.intOption(options, "page-duration", 15));
            live(stack, cookies, patrons, Bench.intOption(options, "rate", 20), Bench.intOption(options, "duration", 60));
            ticks(stack, cookies, patrons, Bench.intOption(options, "rate", 20), Bench.intOption(options, "tick-duration", 30),
                    Bench.intOption(options, "tick-pause", 2000));
            Bench.printMemory(stack, "after the live run");
        }
    }

    private static String username(int i) {
        return String.format("bench%02d", i);
    }

    /** The development form sign-in, as the sign-in page posts it; the session cookie it sets. */
    static String signIn(HttpClient http, ServiceJvm routing, String user) throws Exception {
        String form = "j_username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&j_password="
                + URLEncoder.encode(user, StandardCharsets.UTF_8);
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(routing.uri("/j_security_check"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
        return response.headers().allValues("set-cookie").stream().filter(c -> c.startsWith("tanya-desk="))
                .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';'))).findFirst()
                .orElseThrow(() -> new IllegalStateException("Signing in " + user + " failed: HTTP "
                        + response.statusCode() + " without a session cookie"));
    }

    // ---------------------------------------------------------------- seeding, through the real path

    /**
     * Every patron asks for a librarian (signed webhooks into the gateway); each librarian claims some of the
     * waiting conversations on the desk; then the patrons write until the transcripts hold the lines asked for.
     */
    static void seed(BenchStack stack, HttpClient http, List<String> cookies, List<String> patrons, List<String> texts,
            int lines, int claims, int rate) throws Exception {
        ServiceJvm routing = stack.service(ROUTING);
        try (LoadGenerator load = new LoadGenerator(stack.gateway().orElseThrow().uri("/webhook"), BenchStack.APP_SECRET,
                BenchStack.PHONE_NUMBER_ID)) {
            load.retryUntil(Instant.now().plusSeconds(900));
            load.send(load.prepare(patrons::get, List.of(ASK), patrons.size()), rate);
            await(() -> count(stack, "SELECT count(*) FROM handover WHERE status <> 'closed'") >= patrons.size(),
                    Duration.ofMinutes(3), patrons.size() + " open handovers");
            List<String> waiting = handovers(get(http, routing.uri("/desk/inbox"), cookies.get(0)));
            int next = 0;
            for (String cookie : cookies) {
                for (int c = 0; c < claims && next < waiting.size(); c++) {
                    HttpResponse<String> claimed = http.send(HttpRequest.newBuilder(
                            routing.uri("/desk/c/" + waiting.get(next++) + "/claim")).header("Cookie", cookie)
                            .header("HX-Request", "true").POST(HttpRequest.BodyPublishers.noBody()).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (claimed.statusCode() != 204) {
                        throw new IllegalStateException("A claim was refused: " + claimed.statusCode() + " " + claimed.body());
                    }
                }
            }
            long more = lines - count(stack, "SELECT count(*) FROM transcript_entry");
            if (more > 0) {
                load.send(load.prepare(i -> patrons.get(i % patrons.size()), texts, (int) more), rate);
            }
            await(() -> count(stack, "SELECT count(*) FROM transcript_entry") >= lines, Duration.ofMinutes(15),
                    lines + " transcript lines");
        }
    }

    // ---------------------------------------------------------------- the first page

    /**
     * The page a librarian opens: {@code /desk} (the shell) and {@code /desk/inbox} (the list it loads at once), one
     * request at a time and then closed loop, each beside {@code /q/health/live} of the same JVM.
     */
    static void firstPage(ServiceJvm routing, HttpClient http, String cookie, int requests, int concurrency,
            int seconds) throws Exception {
        URI health = routing.managementUri("/q/health/live");
        URI shell = routing.uri("/desk");
        URI list = routing.uri("/desk/inbox");
        String inbox = get(http, list, cookie);
        for (int i = 0; i < 50; i++) { // JIT warm-up, not counted
            get(http, health, null);
            get(http, shell, cookie);
            get(http, list, cookie);
        }
        List<Double> healthMs = new ArrayList<>();
        List<Double> shellMs = new ArrayList<>();
        List<Double> listMs = new ArrayList<>();
        List<Double> pageMs = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            healthMs.add(timed(http, health, null));
            double a = timed(http, shell, cookie);
            double b = timed(http, list, cookie);
            shellMs.add(a);
            listMs.add(b);
            pageMs.add(a + b);
        }
        RunResult.Percentiles h = RunResult.Percentiles.of(healthMs);
        System.out.printf(Locale.ROOT, "First page, %d times one request after another (after 50 not counted), as "
                + "librarian bench01; the inbox list is %d bytes with %d rows:%n%n| request | p50 | p95 | p99 | max (ms) "
                + "| p50 ÷ health p50 |%n|---|---:|---:|---:|---:|---:|%n", requests, inbox.getBytes(StandardCharsets.UTF_8).length,
                handovers(inbox).size());
        for (var row : List.of(Map.entry("GET /q/health/live (same JVM, management port, trivial)", h),
                Map.entry("GET /desk (the shell)", RunResult.Percentiles.of(shellMs)),
                Map.entry("GET /desk/inbox (the list: every open conversation)", RunResult.Percentiles.of(listMs)),
                Map.entry("**first page: shell, then list**", RunResult.Percentiles.of(pageMs)))) {
            RunResult.Percentiles p = row.getValue();
            System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.1f | %.1f |%n", row.getKey(), p.p50(), p.p95(),
                    p.p99(), p.max(), p.p50() / h.p50());
        }
        Bench.Measured listLoop = Bench.closedLoop(seconds, concurrency, () -> http.sendAsync(request(list, cookie),
                HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode));
        Bench.Measured healthLoop = Bench.closedLoop(seconds, concurrency, () -> http.sendAsync(request(health, null),
                HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode));
        System.out.printf("%nClosed loop, %d requests in flight, %d s each:%n%n| path | per second | p50 ms | p99 ms | "
                + "errors | throughput ÷ health |%n|---|---:|---:|---:|---:|---:|%n", concurrency, seconds);
        System.out.println(listLoop.row("GET /desk/inbox", listLoop.perSecond() / healthLoop.perSecond()));
        System.out.println(healthLoop.row("GET /q/health/live", Double.NaN));
        System.out.println();
    }

    // ---------------------------------------------------------------- the live path

    /**
     * Librarians on the inbox page, each with the page's event stream open, while patrons of the open
     * conversations write at the rate given; every message carries a marker that the inbox row shows as its preview.
     */
    static void live(BenchStack stack, List<String> cookies, List<String> patrons, int rate, int seconds)
            throws Exception {
        ServiceJvm routing = stack.service(ROUTING);
        int count = rate * seconds;
        Map<String, String> conversationOf = conversations(stack);
        Map<String, String> holderOf = holders(stack);
        List<Desk> desks = new ArrayList<>();
        for (int i = 0; i < cookies.size(); i++) {
            // A colleague's conversation shows no last message to a librarian: its rows cannot show the marker.
            String me = username(i + 1);
            Set<String> hidden = new java.util.HashSet<>();
            holderOf.forEach((waId, holder) -> {
                if (!holder.equals(me)) {
                    hidden.add(waId);
                }
            });
            desks.add(new Desk(routing, cookies.get(i), count, patrons.size(), hidden));
        }
        for (Desk desk : desks) {
            if (!desk.connected.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("A desk's event stream did not open within 30 s");
            }
        }
        System.out.printf("Live: %d librarians on the inbox page, each with /desk/events open, fetching /desk/inbox "
                + "on every `desk` event and /desk/counts on every `desk` and `mine` event (as the page does, one at a "
                + "time, the last queued) and taking the rows of every `rows` event; patrons of the open conversations "
                + "write %d messages/s for %d s. Load average now %s%n", desks.size(), rate, seconds, loadAverage());
        try (LoadGenerator load = new LoadGenerator(stack.gateway().orElseThrow().uri("/webhook"), BenchStack.APP_SECRET,
                BenchStack.PHONE_NUMBER_ID)) {
            load.retryUntil(Instant.now().plusSeconds(seconds + 60L));
            Map<String, Double> cpuBefore = Cpu.snapshot(stack);
            long wallBefore = System.nanoTime();
            List<LoadGenerator.Delivery> deliveries = write(load, patrons, "bench-live-", rate, seconds, wallBefore);
            Instant deadline = Instant.now().plusSeconds(30);
            while (Instant.now().isBefore(deadline) && !desks.stream().allMatch(d -> d.sawAll(deliveries))) {
                Thread.sleep(200);
            }
            Bench.printCpu("the live run (sending, then until every desk had every message or 30 s)",
                    Cpu.spent(cpuBefore, Cpu.snapshot(stack)), (System.nanoTime() - wallBefore) / 1e9, count);
            report(deliveries, desks, conversationOf);
            missed(stack, deliveries, desks);
        } finally {
            desks.forEach(Desk::close);
        }
    }

    /**
     * Patrons of the open conversations write {@code rate} messages a second for {@code seconds} from {@code start}
     * (System.nanoTime); message k says {@code <prefix>k} and is the k-th of the list returned. Each second's messages
     * are made just before they are sent: a webhook's timestamp is when the patron wrote (whole seconds), and the
     * inbox orders by it.
     */
    private static List<LoadGenerator.Delivery> write(LoadGenerator load, List<String> patrons, String prefix, int rate,
            int seconds, long start) throws Exception {
        List<LoadGenerator.Delivery> deliveries = new ArrayList<>();
        for (int second = 0; second < seconds; second++) {
            int offset = second * rate;
            List<LoadGenerator.Delivery> batch = load.prepare(i -> patrons.get((offset + i) % patrons.size()),
                    IntStream.range(offset, offset + rate).mapToObj(i -> prefix + i + " kak, masih ada "
                            + "pertanyaan soal peminjaman").toList(), rate);
            long due = start + second * 1_000_000_000L;
            while (System.nanoTime() < due) {
                Thread.sleep(Math.max(1, (due - System.nanoTime()) / 1_000_000));
            }
            deliveries.addAll(batch);
            load.send(batch, rate);
        }
        return deliveries;
    }

    private static void report(List<LoadGenerator.Delivery> deliveries, List<Desk> desks,
            Map<String, String> conversationOf) {
        List<Double> rowFromSent = new ArrayList<>();
        List<Double> rowFromAck = new ArrayList<>();
        List<Double> signalFromSent = new ArrayList<>();
        List<Double> signalFromAck = new ArrayList<>();
        int rowMissed = 0;
        int rowHidden = 0;
        int signalMissed = 0;
        int notAccepted = 0;
        for (int k = 0; k < deliveries.size(); k++) {
            LoadGenerator.Delivery d = deliveries.get(k);
            if (d.firstStatus != 200) {
                notAccepted++;
                continue;
            }
            long sent = d.firstSentNanos;
            long acked = sent + d.firstAckNanos;
            String conversation = conversationOf.get(d.waId);
            for (Desk desk : desks) {
                long row = desk.rowSeen.get(k);
                if (desk.hidden.contains(d.waId)) {
                    rowHidden++;
                } else if (row == 0) {
                    rowMissed++;
                } else {
                    rowFromSent.add((row - sent) / 1e6);
                    rowFromAck.add((row - acked) / 1e6);
                }
                long signal = desk.firstSignal(conversation, sent);
                if (signal == 0) {
                    signalMissed++;
                } else {
                    signalFromSent.add((signal - sent) / 1e6);
                    signalFromAck.add((signal - acked) / 1e6);
                }
            }
        }
        System.out.printf("%n%d messages, %d first answered 200 by the gateway (%d not); %d librarians: %d (message, "
                + "librarian) pairs%n%n| path, per (message, librarian) | received | missed | p50 | p95 | p99 | max (ms) "
                + "|%n|---|---:|---:|---:|---:|---:|---:|%n", deliveries.size(), deliveries.size() - notAccepted,
                notAccepted, desks.size(), (deliveries.size() - notAccepted) * desks.size());
        if (rowHidden > 0) {
            System.out.printf("(%d pairs are not counted for the row: a colleague's conversation, whose row shows "
                    + "a librarian no last message)%n%n", rowHidden);
        }
        line("webhook sent → inbox row with the message, at the client", rowFromSent, rowMissed);
        line("webhook answered 200 → inbox row with the message, at the client", rowFromAck, rowMissed);
        line("webhook sent → signal `c-<conversation>` on the event stream", signalFromSent, signalMissed);
        line("webhook answered 200 → signal `c-<conversation>` on the event stream", signalFromAck, signalMissed);
        List<Double> fetches = new ArrayList<>();
        long failed = 0;
        for (Desk desk : desks) {
            fetches.addAll(desk.inboxMs);
            failed += desk.failedFetches.get();
        }
        RunResult.Percentiles f = RunResult.Percentiles.of(fetches);
        long pushed = desks.stream().mapToLong(d -> d.rowEvents.get()).sum();
        long counts = desks.stream().mapToLong(d -> d.countsFetches.get()).sum();
        System.out.printf(Locale.ROOT, "%nInbox fetches during the run (all librarians): %d, %d failed; p50 %.1f ms, "
                + "p99 %.1f ms, max %.1f ms; counts fetches %d; `rows` events received %d. A message is counted as "
                + "shown when a row (fetched or sent) shows it or a later message of the same conversation.%n",
                f.count(), failed, f.p50(), f.p99(), f.max(), counts, pushed);
    }

    // ---------------------------------------------------------------- delivery ticks

    private static final List<String> TICKS = List.of("sent", "delivered", "read");

    /**
     * Delivery ticks: each librarian has one conversation they hold open on its page (the event stream; the
     * transcript and the panel fetched on every signal of that conversation, the header's counts on {@code desk}
     * and {@code mine}, as the page does) and, in a loop, replies there, waits until the reply is in the transcript
     * at the client and routing has WhatsApp's message id for it, then posts WhatsApp's status webhooks for it one at
     * a time, each once the page shows the one before: sent, delivered, read (the stand-in's own statuses are off for
     * this). Each is timed from the webhook's sending (and from its 200) to the transcript received by the client
     * showing the tick. Patrons of the open conversations write meanwhile at the live run's rate.
     */
    static void ticks(BenchStack stack, List<String> cookies, List<String> patrons, int rate, int seconds, int pauseMs)
            throws Exception {
        ServiceJvm routing = stack.service(ROUTING);
        URI webhook = stack.gateway().orElseThrow().uri("/webhook");
        WhatsAppCloudStandIn whatsapp = stack.whatsapp();
        List<ConversationPage> pages = new ArrayList<>();
        whatsapp.sendStatuses(false);
        try {
            for (int i = 1; i <= cookies.size(); i++) {
                String[] held = held(stack, username(i));
                if (held != null) {
                    pages.add(new ConversationPage(routing, cookies.get(i - 1), held[0], held[1], held[2]));
                }
            }
            for (ConversationPage page : pages) {
                if (!page.connected.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("A conversation page's event stream did not open within 30 s");
                }
            }
            System.out.printf("%nDelivery ticks: %d librarians, each on the page of a conversation they hold (its "
                    + "event stream open; the transcript and the panel fetched on each `c-<conversation>` signal, the "
                    + "counts on `desk` and `mine`, one at a time, the last queued, as the page does), each in a loop: "
                    + "reply, wait until the reply is in the transcript received and routing has its WhatsApp message "
                    + "id, then post the status webhooks sent, delivered, read one after another, each once the page "
                    + "shows the one before; %d ms pause between replies. Patrons write %d messages/s for %d s "
                    + "meanwhile. Load average now %s%n", pages.size(), pauseMs, rate, seconds, loadAverage());
            Map<String, Queue<Double>> fromSent = new ConcurrentHashMap<>();
            Map<String, Queue<Double>> fromAck = new ConcurrentHashMap<>();
            Map<String, AtomicInteger> missed = new ConcurrentHashMap<>();
            Queue<Double> replyShown = new ConcurrentLinkedQueue<>();
            AtomicInteger refused = new AtomicInteger();
            AtomicInteger next = new AtomicInteger();
            Map<String, Double> cpuBefore = Cpu.snapshot(stack);
            long start = System.nanoTime();
            long end = start + seconds * 1_000_000_000L;
            List<Thread> threads = new ArrayList<>();
            try (LoadGenerator load = new LoadGenerator(webhook, BenchStack.APP_SECRET, BenchStack.PHONE_NUMBER_ID)) {
                load.retryUntil(Instant.now().plusSeconds(seconds + 60L));
                threads.add(new Thread(() -> {
                    try {
                        write(load, patrons, "bench-busy-", rate, seconds, start);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, "bench-patrons"));
                for (ConversationPage page : pages) {
                    threads.add(new Thread(() -> {
                        while (System.nanoTime() < end) {
                            try {
                                int n = next.getAndIncrement();
                                String marker = "bench-tick-" + n + " ";
                                long posted = System.nanoTime();
                                if (page.reply(marker + "baik kak, bukunya sudah kami siapkan di meja sirkulasi") != 204) {
                                    refused.incrementAndGet();
                                } else {
                                    long shown = page.await(marker, null, Duration.ofSeconds(10));
                                    String wamid = shown == 0 ? null : wamid(stack, marker, Duration.ofSeconds(10));
                                    if (wamid == null) {
                                        missed.computeIfAbsent("reply", k -> new AtomicInteger()).incrementAndGet();
                                    } else {
                                        replyShown.add((shown - posted) / 1e6);
                                        for (String state : TICKS) {
                                            long sentAt = System.nanoTime();
                                            int code = whatsapp.webhooks().post(webhook, whatsapp.webhooks().status(
                                                    wamid, page.waId, state, Instant.now()));
                                            long ackAt = System.nanoTime();
                                            long seen = code == 200 ? page.await(marker, state, Duration.ofSeconds(10)) : 0;
                                            if (seen == 0) {
                                                missed.computeIfAbsent(state, k -> new AtomicInteger()).incrementAndGet();
                                                break;
                                            }
                                            fromSent.computeIfAbsent(state, k -> new ConcurrentLinkedQueue<>())
                                                    .add((seen - sentAt) / 1e6);
                                            fromAck.computeIfAbsent(state, k -> new ConcurrentLinkedQueue<>())
                                                    .add((seen - ackAt) / 1e6);
                                        }
                                    }
                                }
                                Thread.sleep(pauseMs);
                            } catch (InterruptedException e) {
                                return;
                            } catch (Exception e) {
                                System.err.println("A librarian's tick loop: " + e);
                            }
                        }
                    }, "bench-librarian"));
                }
                threads.forEach(Thread::start);
                for (Thread t : threads) {
                    t.join();
                }
            }
            Bench.printCpu("the tick run", Cpu.spent(cpuBefore, Cpu.snapshot(stack)), (System.nanoTime() - start) / 1e9,
                    next.get());
            System.out.printf("%n%d replies posted (%d refused), %d shown in the transcript at the client%n%n| path, per "
                    + "reply | received | missed | p50 | p95 | p99 | max (ms) |%n|---|---:|---:|---:|---:|---:|---:|%n",
                    next.get(), refused.get(), replyShown.size());
            line("reply posted → the reply in the transcript, at the client", new ArrayList<>(replyShown),
                    missed.getOrDefault("reply", new AtomicInteger()).get());
            List<Double> allSent = new ArrayList<>();
            List<Double> allAck = new ArrayList<>();
            int allMissed = 0;
            for (String state : TICKS) {
                List<Double> a = new ArrayList<>(fromSent.getOrDefault(state, new ConcurrentLinkedQueue<>()));
                List<Double> b = new ArrayList<>(fromAck.getOrDefault(state, new ConcurrentLinkedQueue<>()));
                int m = missed.getOrDefault(state, new AtomicInteger()).get();
                line("status webhook `" + state + "` sent → tick `" + state + "` in the transcript, at the client", a, m);
                line("status webhook `" + state + "` answered 200 → tick `" + state + "`, at the client", b, m);
                allSent.addAll(a);
                allAck.addAll(b);
                allMissed += m;
            }
            line("**every status webhook sent → its tick at the client**", allSent, allMissed);
            line("**every status webhook answered 200 → its tick at the client**", allAck, allMissed);
            System.out.println();
        } finally {
            pages.forEach(ConversationPage::close);
            whatsapp.sendStatuses(true);
        }
    }

    /** The librarian's first assigned handover: id, conversation id, patron; null if they hold none. */
    private static String[] held(BenchStack stack, String librarian) throws SQLException {
        try (Connection c = routingDatabase(stack); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT id, conversation_id, wa_id FROM handover WHERE status = 'assigned'"
                        + " AND librarian = '" + librarian + "' ORDER BY assigned_at LIMIT 1")) {
            return r.next() ? new String[] { r.getString(1), r.getString(2), r.getString(3) } : null;
        }
    }

    /** WhatsApp's message id of the librarian's line starting with the marker, once routing has it; null if not. */
    private static String wamid(BenchStack stack, String marker, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        try (Connection c = routingDatabase(stack); java.sql.PreparedStatement s = c.prepareStatement(
                "SELECT wamid FROM transcript_entry WHERE author = 'librarian' AND body LIKE ? AND wamid IS NOT NULL")) {
            s.setString(1, marker + "%");
            while (Instant.now().isBefore(deadline)) {
                try (ResultSet r = s.executeQuery()) {
                    if (r.next()) {
                        return r.getString(1);
                    }
                }
                Thread.sleep(10);
            }
        }
        return null;
    }

    /**
     * A librarian's conversation page as the browser has it: the event stream; on {@code c-<its conversation>} the
     * transcript and the panel, on {@code resync} those and the counts, on {@code librarians} the panel, on
     * {@code desk} and {@code mine} the counts (each at most once in flight, one more queued); after a reply, the
     * transcript and the panel again ({@code desk-done}). Records when each marked reply, and each of its ticks,
     * was first in a transcript received.
     */
    static final class ConversationPage implements AutoCloseable {

        private static final Pattern TICK = Pattern.compile("data-delivery=\"(\\w+)\"");

        final CountDownLatch connected = new CountDownLatch(1);
        final String waId;
        private final String handover;
        private final String conversation;
        private final String cookie;
        private final ServiceJvm routing;
        private final Map<String, Long> seen = new ConcurrentHashMap<>();
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final Refresh transcript;
        private final Refresh panel;
        private final Refresh counts;
        private final Thread reader;
        private volatile boolean open = true;

        ConversationPage(ServiceJvm routing, String cookie, String handover, String conversation, String waId) {
            this.routing = routing;
            this.cookie = cookie;
            this.handover = handover;
            this.conversation = conversation;
            this.waId = waId;
            this.transcript = new Refresh(http, request(routing.uri("/desk/c/" + handover + "/transcript"), cookie),
                    (response, startedAt, at) -> transcriptReceived(response.body(), at));
            this.panel = new Refresh(http, request(routing.uri("/desk/c/" + handover + "/panel"), cookie), body -> { });
            this.counts = new Refresh(http, request(routing.uri("/desk/counts"), cookie), body -> { });
            HttpRequest events = HttpRequest.newBuilder(routing.uri("/desk/events")).header("Cookie", cookie)
                    .header("Accept", "text/event-stream").build();
            reader = new Thread(() -> readEvents(http, events, () -> open, this::dispatch), "bench-conversation-events");
            reader.setDaemon(true);
            reader.start();
        }

        private void dispatch(String event, String data, long at) {
            if (event.equals("c-" + conversation)) {
                transcript.request();
                panel.request();
            } else if (event.equals("resync")) {
                transcript.request();
                panel.request();
                counts.request();
                connected.countDown();
            } else if (event.equals("librarians")) {
                panel.request();
            } else if (event.equals("desk") || event.equals("mine")) {
                counts.request();
            }
        }

        private void transcriptReceived(String html, long at) {
            for (String line : html.split("<li ")) {
                int marker = line.indexOf("bench-tick-");
                if (marker < 0) {
                    continue;
                }
                String name = line.substring(marker, line.indexOf(' ', marker) + 1);
                seen.putIfAbsent(name, at);
                Matcher tick = TICK.matcher(line);
                if (tick.find()) {
                    seen.putIfAbsent(name + tick.group(1), at);
                }
            }
        }

        /** Posts a reply as the reply box does; the HTTP status (204: sent). */
        int reply(String text) throws Exception {
            String form = "text=" + URLEncoder.encode(text, StandardCharsets.UTF_8) + "&requestId="
                    + java.util.UUID.randomUUID();
            int status = http.send(HttpRequest.newBuilder(routing.uri("/desk/c/" + handover + "/reply"))
                    .header("Cookie", cookie).header("HX-Request", "true")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            if (status == 204) {
                transcript.request();
                panel.request();
            }
            return status;
        }

        /** When the marked reply (state null) or its tick was first received; 0 if not within the timeout. */
        long await(String marker, String state, Duration timeout) throws InterruptedException {
            String key = state == null ? marker : marker + state;
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                Long at = seen.get(key);
                if (at != null) {
                    return at;
                }
                Thread.sleep(2);
            }
            return 0;
        }

        @Override
        public void close() {
            open = false;
            reader.interrupt();
        }
    }

    /** The first few messages a desk never showed, and whether routing stored them (a lost update or a late one). */
    private static void missed(BenchStack stack, List<LoadGenerator.Delivery> deliveries, List<Desk> desks) {
        List<String> missed = new ArrayList<>();
        for (int k = 0; k < deliveries.size() && missed.size() < 5; k++) {
            final int message = k;
            String waId = deliveries.get(k).waId;
            long desksMissing = desks.stream().filter(d -> d.rowSeen.get(message) == 0 && !d.hidden.contains(waId)).count();
            if (desksMissing > 0 && deliveries.get(k).firstStatus == 200) {
                missed.add(String.format(Locale.ROOT, "bench-live-%d (patron %s, sent %s): not shown on %d desks, "
                        + "in routing's transcript %d times", k, deliveries.get(k).waId, deliveries.get(k).firstSentAt,
                        desksMissing, count(stack, "SELECT count(*) FROM transcript_entry WHERE body LIKE 'bench-live-"
                                + k + " %'")));
            }
        }
        if (!missed.isEmpty()) {
            System.out.println("\nNot shown (the first five):\n");
            missed.forEach(m -> System.out.println("- " + m));
        }
    }

    private static void line(String name, List<Double> ms, int missed) {
        RunResult.Percentiles p = RunResult.Percentiles.of(ms);
        System.out.printf(Locale.ROOT, "| %s | %d | %d | %.1f | %.1f | %.1f | %.1f |%n", name, p.count(), missed, p.p50(),
                p.p95(), p.p99(), p.max());
    }

    /**
     * One librarian's inbox page: the event stream; on each {@code desk} (or {@code resync}) event the two fetches
     * the page makes, on {@code mine} the counts, each at most once in flight with one more queued (htmx's
     * {@code hx-sync="this:queue last"}); the rows of each {@code rows} event. Records when each
     * {@code c-<conversation>} signal arrived and when each marked message was first in an inbox row received
     * (fetched or sent). The page puts a sent row in only where it stands in the same place in the lists; no claim
     * or transfer happens during the run, so every row sent here would be.
     */
    static final class Desk implements AutoCloseable {

        final CountDownLatch connected = new CountDownLatch(1);
        final AtomicLongArray rowSeen;
        final Queue<Double> inboxMs = new ConcurrentLinkedQueue<>();
        final AtomicInteger failedFetches = new AtomicInteger();
        final AtomicInteger rowEvents = new AtomicInteger();
        final AtomicInteger countsFetches = new AtomicInteger();
        private final Map<String, Queue<Long>> signals = new ConcurrentHashMap<>();
        private final int conversations;
        /** Patrons whose conversations a colleague holds (their rows show this librarian no message). */
        final Set<String> hidden;
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final Refresh inbox;
        private final Refresh counts;
        private final Thread reader;
        private volatile boolean open = true;

        Desk(ServiceJvm routing, String cookie, int messages, int conversations, Set<String> hidden) {
            this.rowSeen = new AtomicLongArray(messages);
            this.hidden = hidden;
            this.conversations = conversations;
            this.inbox = new Refresh(http, request(routing.uri("/desk/inbox"), cookie), this::inboxReceived);
            this.counts = new Refresh(http, request(routing.uri("/desk/counts"), cookie),
                    body -> countsFetches.incrementAndGet());
            HttpRequest events = HttpRequest.newBuilder(routing.uri("/desk/events")).header("Cookie", cookie)
                    .header("Accept", "text/event-stream").build();
            reader = new Thread(() -> read(events), "bench-desk-events");
            reader.setDaemon(true);
            reader.start();
        }

        private void read(HttpRequest events) {
            readEvents(http, events, () -> open, this::dispatch);
        }

        private void dispatch(String event, String data, long at) {
            if (event.equals("rows")) {
                rowEvents.incrementAndGet();
                rowsReceived(data, at);
            } else if (event.equals("mine")) {
                counts.request();
            } else if (event.equals("desk") || event.equals("resync")) {
                inbox.request();
                counts.request();
                if (event.equals("resync")) {
                    connected.countDown();
                }
            } else if (event.startsWith("c-")) {
                signals.computeIfAbsent(event.substring(2), k -> new ConcurrentLinkedQueue<>()).add(at);
            }
        }

        private void inboxReceived(HttpResponse<String> response, long startedAt, long at) {
            if (response.statusCode() != 200) {
                failedFetches.incrementAndGet();
                return;
            }
            inboxMs.add((at - startedAt) / 1e6);
            rowsReceived(response.body(), at);
        }

        private void rowsReceived(String html, long at) {
            Matcher m = MARKER.matcher(html);
            while (m.find()) {
                // This message, and the earlier ones of its conversation it replaced in the preview.
                for (int i = Integer.parseInt(m.group(1)); i >= 0 && i < rowSeen.length(); i -= conversations) {
                    if (!rowSeen.compareAndSet(i, 0, at)) {
                        break;
                    }
                }
            }
        }

        /** When the first signal for the conversation arrived at or after the moment given; 0 if none did. */
        long firstSignal(String conversation, long from) {
            long first = 0;
            for (long at : signals.getOrDefault(conversation, new ConcurrentLinkedQueue<>())) {
                if (at >= from && (first == 0 || at < first)) {
                    first = at;
                }
            }
            return first;
        }

        boolean sawAll(List<LoadGenerator.Delivery> deliveries) {
            return IntStream.range(0, deliveries.size())
                    .allMatch(k -> deliveries.get(k).firstStatus != 200 || rowSeen.get(k) != 0
                            || hidden.contains(deliveries.get(k).waId));
        }

        @Override
        public void close() {
            open = false;
            reader.interrupt();
        }
    }

    interface EventSink {
        void accept(String event, String data, long receivedAt);
    }

    /** Reads a page's event stream ({@code /desk/events}) while {@code open}, passing on each event when it arrived. */
    static void readEvents(HttpClient http, HttpRequest events, BooleanSupplier open, EventSink sink) {
        try {
            HttpResponse<java.util.stream.Stream<String>> response = http.send(events, HttpResponse.BodyHandlers.ofLines());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("/desk/events answered " + response.statusCode());
            }
            String event = "message";
            StringBuilder data = new StringBuilder();
            for (var it = response.body().iterator(); open.getAsBoolean() && it.hasNext();) {
                String line = it.next();
                if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(data.isEmpty() ? "" : "\n").append(line.substring(line.startsWith("data: ") ? 6 : 5));
                } else if (line.isEmpty()) {
                    sink.accept(event, data.toString(), System.nanoTime());
                    event = "message";
                    data.setLength(0);
                }
            }
        } catch (Exception e) {
            if (open.getAsBoolean()) {
                System.err.println("A desk's event stream ended: " + e);
            }
        }
    }

    /** A request of the page that htmx sends at most once at a time, queueing one more (hx-sync "queue last"). */
    static final class Refresh {

        interface Received {
            void accept(HttpResponse<String> response, long startedAt, long receivedAt);
        }

        private final HttpClient http;
        private final HttpRequest request;
        private final Received received;
        /** 0 idle, 1 in flight, 2 in flight with one queued. */
        private final AtomicInteger state = new AtomicInteger();

        Refresh(HttpClient http, HttpRequest request, Consumer<String> body) {
            this(http, request, (response, startedAt, at) -> body.accept(response.body()));
        }

        Refresh(HttpClient http, HttpRequest request, Received received) {
            this.http = http;
            this.request = request;
            this.received = received;
        }

        void request() {
            int s;
            do {
                s = state.get();
                if (s == 2) {
                    return;
                }
            } while (!state.compareAndSet(s, s + 1));
            if (s == 0) {
                start();
            }
        }

        private void start() {
            long startedAt = System.nanoTime();
            http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                if (response != null) {
                    received.accept(response, startedAt, System.nanoTime());
                }
                if (state.decrementAndGet() > 0) {
                    start();
                }
            });
        }
    }

    // ---------------------------------------------------------------- helpers

    private static HttpRequest request(URI uri, String cookie) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).header("HX-Request", "true");
        if (cookie != null) {
            builder.header("Cookie", cookie);
        }
        return builder.build();
    }

    private static String get(HttpClient http, URI uri, String cookie) throws Exception {
        HttpResponse<String> response = http.send(request(uri, cookie), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + uri + " answered " + response.statusCode());
        }
        return response.body();
    }

    private static double timed(HttpClient http, URI uri, String cookie) throws Exception {
        long start = System.nanoTime();
        get(http, uri, cookie);
        return (System.nanoTime() - start) / 1e6;
    }

    private static List<String> handovers(String html) {
        Set<String> ids = new LinkedHashSet<>();
        Matcher m = HANDOVER.matcher(html);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return new ArrayList<>(ids);
    }

    private static Connection routingDatabase(BenchStack stack) throws SQLException {
        return DriverManager.getConnection(stack.jdbcUrl("routing"), EmbeddedPostgresServer.USER,
                EmbeddedPostgresServer.PASSWORD);
    }

    static long count(BenchStack stack, String sql) {
        try (Connection c = routingDatabase(stack); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The holder of each assigned conversation, by patron. */
    private static Map<String, String> holders(BenchStack stack) throws SQLException {
        Map<String, String> holders = new HashMap<>();
        try (Connection c = routingDatabase(stack); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT wa_id, librarian FROM handover WHERE status = 'assigned'")) {
            while (r.next()) {
                holders.put(r.getString(1), r.getString(2));
            }
        }
        return holders;
    }

    private static Map<String, String> conversations(BenchStack stack) throws SQLException {
        Map<String, String> ids = new HashMap<>();
        try (Connection c = routingDatabase(stack); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT wa_id, id FROM conversation")) {
            while (r.next()) {
                ids.put(r.getString(1), r.getString(2));
            }
        }
        return ids;
    }

    private static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Not there within " + timeout.toSeconds() + " s: " + what);
            }
            Thread.sleep(500);
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
