package org.tanyapustaka.catalog.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Harvests bibliographic records from an OAI-PMH 2.0 repository (DSpace, EPrints, Koha, Alma, SLiMS/INLISLite
 * with OAI, ...) with {@code ListRecords}, following resumption tokens page by page until the list is complete.
 *
 * <p>{@code oai_dc} records map dc:title → title, dc:creator → authors, dc:subject (split at ';') → subjects,
 * dc:description → summary, dc:publisher, the first year in dc:date, dc:identifier → ISBN when it is one
 * ("ISBN …", "urn:isbn:…", or ten/thirteen digits with a valid check digit) and dc:language. {@code marc21}
 * (or {@code marcxml}) records are MARCXML inside {@code <metadata>}, mapped as {@link MarcImport} does. The
 * source is {@code oai:<baseUrl>} and the source id is always the OAI identifier, so a later deletion matches.
 * A header with {@code status="deleted"} gives a {@link BibRecord#deleted} record.
 *
 * <p>A record that cannot be used (no title, an unknown metadata format) is a failure outcome and the harvest
 * goes on. A repository error ends the harvest with an {@link OaiPmhException} thrown from the iterator, except
 * {@code noRecordsMatch}, which only means there is nothing (new) to harvest. HTTP 503 is retried after its
 * {@code Retry-After}, as are network errors, a few times. Responses are parsed as they arrive, record by record.
 *
 * <p>{@link Harvest#newestDatestamp()} is the newest datestamp seen: once the harvest has run to its end, store
 * it and pass it as {@code from} next time to fetch only what changed (records with exactly that datestamp come
 * again; importing them twice must be harmless).
 *
 * <p>A repository is untrusted input ({@link Limits}): a host that resolves to a private, loopback, link-local,
 * unique-local, multicast or unspecified address is refused unless it is allow-listed, redirects are never
 * followed, and each response (body included), the pages and the records of one harvest are bounded.
 */
public final class OaiPmhHarvest {

    public static final String OAI_NS = "http://www.openarchives.org/OAI/2.0/";
    private static final String USER_AGENT = "TanyaPustaka-OAI-Harvester/1.0";

    private final HttpClient client;
    private final Duration requestTimeout;
    private final int maxRetries;
    private final Duration maxRetryWait;
    private final Limits limits;

    /**
     * What one harvest may cost and where it may go.
     *
     * @param maxResponseBytes the most bytes one response body may have
     * @param maxPages         the most responses (pages) one harvest fetches
     * @param maxRecords       the most records one harvest reads
     * @param allowedHosts     host names (as written in the base URL, lower case) harvested even though they
     *                         resolve to a private, loopback or link-local address
     */
    public record Limits(long maxResponseBytes, int maxPages, int maxRecords, Set<String> allowedHosts) {
        /** 64 MiB per response, 10,000 pages and 2,000,000 records per harvest, public addresses only. */
        public static final Limits DEFAULT = new Limits(64L << 20, 10_000, 2_000_000, Set.of());

        public Limits {
            allowedHosts = allowedHosts.stream().map(h -> h.strip().toLowerCase(Locale.ROOT))
                    .collect(java.util.stream.Collectors.toUnmodifiableSet());
        }
    }

    /** Ten-second connect timeout, one minute per response, three retries, {@link Limits#DEFAULT}. */
    public OaiPmhHarvest() {
        this(Duration.ofMinutes(1), Limits.DEFAULT);
    }

    /** Ten-second connect timeout, three retries waiting at most a minute each; redirects are never followed. */
    public OaiPmhHarvest(Duration responseTimeout, Limits limits) {
        this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER)
                .build(), responseTimeout, 3, Duration.ofMinutes(1), limits);
    }

    /**
     * @param client         the HTTP client (its connect timeout applies)
     * @param requestTimeout how long one response may take, body included
     * @param maxRetries     how often a 503 or a network error is retried before giving up
     * @param maxRetryWait   the longest wait before a retry, whatever the repository's Retry-After says
     * @param limits         the bounds of one harvest and the hosts allowed on private addresses
     */
    public OaiPmhHarvest(HttpClient client, Duration requestTimeout, int maxRetries, Duration maxRetryWait,
            Limits limits) {
        if (client.followRedirects() != HttpClient.Redirect.NEVER) {
            throw new IllegalArgumentException("the harvest client must not follow redirects");
        }
        this.limits = Objects.requireNonNull(limits, "limits");
        this.client = Objects.requireNonNull(client, "client");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.maxRetries = maxRetries;
        this.maxRetryWait = Objects.requireNonNull(maxRetryWait, "maxRetryWait");
    }

    /**
     * Starts a harvest; nothing is requested until the first record is asked for.
     *
     * @param baseUrl        the repository's base URL, e.g. {@code https://repository.ubb.ac.id/oai}
     * @param metadataPrefix {@code oai_dc} or {@code marc21} (whatever the repository calls its MARCXML)
     * @param from           harvest only records changed since this datestamp, or {@code null} for all
     * @param set            harvest only this set, or {@code null} for all
     */
    public Harvest harvest(String baseUrl, String metadataPrefix, String from, String set) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(metadataPrefix, "metadataPrefix");
        Map<String, String> params = new LinkedHashMap<>();
        params.put("verb", "ListRecords");
        params.put("metadataPrefix", metadataPrefix);
        if (from != null && !from.isBlank()) {
            params.put("from", from.strip());
        }
        if (set != null && !set.isBlank()) {
            params.put("set", set.strip());
        }
        return new Harvest(baseUrl, params);
    }

    /**
     * Fetches one record with {@code GetRecord}, e.g. to refresh a single title.
     *
     * @throws OaiPmhException for {@code idDoesNotExist} and any other error
     */
    public ReadOutcome getRecord(String baseUrl, String identifier, String metadataPrefix) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("verb", "GetRecord");
        params.put("identifier", Objects.requireNonNull(identifier, "identifier"));
        params.put("metadataPrefix", Objects.requireNonNull(metadataPrefix, "metadataPrefix"));
        URI uri = uri(baseUrl, params);
        try (Page page = open(baseUrl, uri, 0)) {
            ReadOutcome outcome = page.nextRecord(1);
            if (outcome == null) {
                throw new OaiPmhException(null, "GetRecord " + identifier + " from " + baseUrl + " returned no record");
            }
            return outcome;
        }
    }

    /**
     * A running harvest: iterate it (or its {@link #stream()}) to fetch the pages one after another.
     * {@link #hasNext()} throws {@link OaiPmhException} when the repository fails. Close it to release the
     * connection when stopping early.
     */
    public final class Harvest implements Iterator<ReadOutcome>, AutoCloseable {

        private final String baseUrl;
        private final Map<String, String> firstRequest;
        private Page page;
        private String nextToken;
        private boolean started;
        private boolean finished;
        private boolean exhausted;
        private int position;
        private int pages;
        private String newestDatestamp;
        private ReadOutcome next;
        private final List<String> tokensSeen = new ArrayList<>();

        private Harvest(String baseUrl, Map<String, String> firstRequest) {
            this.baseUrl = baseUrl;
            this.firstRequest = firstRequest;
        }

        @Override
        public boolean hasNext() {
            try {
                advance();
            } catch (RuntimeException e) {
                close(); // a failed harvest stays failed: complete() is false, nothing more is fetched
                throw e;
            }
            return next != null;
        }

        private void advance() {
            while (next == null && !finished) {
                if (page == null) {
                    if (!openNextPage()) {
                        finished = true;
                        exhausted = true;
                    }
                    continue;
                }
                ReadOutcome outcome = page.nextRecord(position + 1);
                if (page.datestamp != null && (newestDatestamp == null || page.datestamp.compareTo(newestDatestamp) > 0)) {
                    newestDatestamp = page.datestamp;
                }
                if (outcome != null) {
                    if (position >= limits.maxRecords()) {
                        throw new OaiPmhException(null, "the harvest from " + baseUrl + " stopped after " + position
                                + " records, the most one harvest may read (catalog.harvest.max-records)");
                    }
                    position++;
                    next = outcome;
                } else {
                    nextToken = page.resumptionToken;
                    page.close();
                    page = null;
                    if (nextToken == null || nextToken.isBlank()) {
                        finished = true;
                        exhausted = true;
                    }
                }
            }
        }

        @Override
        public ReadOutcome next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            ReadOutcome result = next;
            next = null;
            return result;
        }

        private boolean openNextPage() {
            Map<String, String> params;
            if (!started) {
                started = true;
                params = firstRequest;
            } else if (nextToken != null && !nextToken.isBlank()) {
                if (tokensSeen.contains(nextToken)) {
                    throw new OaiPmhException(null, "the repository at " + baseUrl + " sent the resumptionToken '"
                            + nextToken + "' twice; the harvest stopped to avoid an endless loop");
                }
                tokensSeen.add(nextToken);
                params = new LinkedHashMap<>();
                params.put("verb", "ListRecords");
                params.put("resumptionToken", nextToken);
            } else {
                return false;
            }
            if (pages >= limits.maxPages()) {
                throw new OaiPmhException(null, "the harvest from " + baseUrl + " stopped after " + pages
                        + " pages, the most one harvest may fetch (catalog.harvest.max-pages)");
            }
            page = open(baseUrl, uri(baseUrl, params), pages);
            pages++;
            if (page.noRecordsMatch) {
                page.close();
                page = null;
                return false;
            }
            return true;
        }

        /** The outcomes as a stream; closing it closes the harvest. */
        public Stream<ReadOutcome> stream() {
            return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED
                    | Spliterator.NONNULL), false).onClose(this::close);
        }

        /** The newest header datestamp seen so far (deleted records included), or {@code null}. */
        public String newestDatestamp() {
            return newestDatestamp;
        }

        /** How many response pages were requested so far. */
        public int pages() {
            return pages;
        }

        /** Whether the harvest ran to the end of the list (only then is {@link #newestDatestamp()} complete). */
        public boolean complete() {
            return exhausted && next == null;
        }

        @Override
        public void close() {
            if (page != null) {
                page.close();
                page = null;
            }
            finished = true;
            next = null;
        }
    }

    static URI uri(String baseUrl, Map<String, String> params) {
        StringBuilder url = new StringBuilder(baseUrl.strip());
        char sep = baseUrl.indexOf('?') >= 0 ? '&' : '?';
        for (Map.Entry<String, String> p : params.entrySet()) {
            url.append(sep).append(p.getKey()).append('=').append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
            sep = '&';
        }
        try {
            return URI.create(url.toString());
        } catch (IllegalArgumentException e) {
            throw new OaiPmhException(null, "'" + baseUrl + "' is not a usable OAI-PMH base URL");
        }
    }

    /** Sends a request, retrying 503 and network errors, and opens the response for reading. */
    private Page open(String baseUrl, URI uri, int pageIndex) {
        String what = describeRequest(uri);
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(uri).timeout(requestTimeout).header("User-Agent", USER_AGENT)
                    .header("Accept", "text/xml, application/xml").GET().build();
        } catch (IllegalArgumentException e) {
            throw new OaiPmhException(null, "'" + baseUrl + "' is not a usable OAI-PMH base URL");
        }
        checkAddress(uri, what);
        int attempt = 0;
        while (true) {
            attempt++;
            HttpResponse<Flow.Publisher<List<ByteBuffer>>> response;
            long deadline = System.nanoTime() + requestTimeout.toNanos();
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofPublisher());
            } catch (HttpTimeoutException e) {
                if (attempt > maxRetries) {
                    throw new OaiPmhException(null, what + ": no response within " + requestTimeout.toSeconds()
                            + " s (" + attempt + " attempts)", e);
                }
                pause(Duration.ofSeconds(attempt), what);
                continue;
            } catch (IOException e) {
                if (attempt > maxRetries) {
                    throw new OaiPmhException(null, what + ": the repository cannot be reached ("
                            + MarcImport.describe(e) + ", " + attempt + " attempts)", e);
                }
                pause(Duration.ofSeconds(attempt), what);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OaiPmhException(null, what + ": interrupted", e);
            }
            int status = response.statusCode();
            BoundedBody body = new BoundedBody(what, deadline, requestTimeout, limits.maxResponseBytes());
            response.body().subscribe(body);
            if (status == 200) {
                return new Page(baseUrl, what, body);
            }
            closeBody(body);
            if (status == 503 && attempt <= maxRetries) {
                pause(retryAfter(response), what);
                continue;
            }
            if (status / 100 == 3) {
                throw new OaiPmhException(null, what + ": HTTP " + status + " redirect to "
                        + response.headers().firstValue("Location").orElse("(no Location)")
                        + " is not followed; use the repository's final address as its base URL");
            }
            throw new OaiPmhException(null, what + ": HTTP " + status
                    + (status == 503 ? " (repository unavailable, " + attempt + " attempts)" : ""));
        }
    }

    private Duration retryAfter(HttpResponse<?> response) {
        Duration wait = Duration.ofSeconds(5);
        String header = response.headers().firstValue("Retry-After").orElse(null);
        if (header != null) {
            String h = header.strip();
            if (h.matches("[0-9]{1,9}")) {
                wait = Duration.ofSeconds(Long.parseLong(h));
            } else {
                try {
                    ZonedDateTime at = ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME);
                    wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
                } catch (DateTimeParseException e) {
                    // keep the default
                }
            }
        }
        if (wait.isNegative()) {
            wait = Duration.ZERO;
        }
        return wait.compareTo(maxRetryWait) > 0 ? maxRetryWait : wait;
    }

    private void pause(Duration wait, String what) {
        Duration capped = wait.compareTo(maxRetryWait) > 0 ? maxRetryWait : wait;
        try {
            Thread.sleep(capped.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OaiPmhException(null, what + ": interrupted while waiting to retry", e);
        }
    }

    /**
     * Refuses a host that resolves to an address inside the network (any of its addresses), unless it is
     * allow-listed. The HTTP client resolves the name again when it connects; the JVM's address cache (30 s by
     * default) normally gives it the addresses checked here.
     */
    private void checkAddress(URI uri, String what) {
        String host = uri.getHost();
        if (host == null) {
            throw new OaiPmhException(null, what + ": the base URL has no host");
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (limits.allowedHosts().contains(bare.toLowerCase(Locale.ROOT))) {
            return;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(bare);
        } catch (UnknownHostException e) {
            throw new OaiPmhException(null, what + ": the host " + bare + " cannot be resolved", e);
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address)) {
                throw new OaiPmhException(null, what + ": the host " + bare + " resolves to "
                        + address.getHostAddress() + ", an address inside the network (private, loopback, "
                        + "link-local or reserved); harvesting it is refused unless catalog.harvest.allowed-hosts lists it");
            }
        }
    }

    /** Whether an address is on the public internet: not private, loopback, link-local, unique-local, etc. */
    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address) {
            boolean embedsV4 = true; // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (compatible)
            for (int i = 0; i < 10; i++) {
                embedsV4 &= b[i] == 0;
            }
            if (embedsV4 && ((b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0))) {
                return lastFourBytesArePublic(b);
            }
            if ((b[0] & 0xfe) == 0xfc) {
                return false; // fc00::/7 unique local
            }
            // 64:ff9b::/96 (NAT64) carries an IPv4 address too
            if (b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b) {
                return lastFourBytesArePublic(b);
            }
            return true;
        }
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first != 0 // 0.0.0.0/8 "this network"
                    && !(first == 100 && second >= 64 && second < 128) // 100.64.0.0/10 shared (carrier-grade NAT)
                    && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // 192.0.0.0/24 protocol assignments
                    && !(first == 198 && (second == 18 || second == 19)) // 198.18.0.0/15 benchmarking
                    && first < 240; // 240.0.0.0/4 reserved, 255.255.255.255 broadcast
        }
        return false;
    }

    /** Whether the IPv4 address in the last four bytes of an IPv6 address is public. */
    private static boolean lastFourBytesArePublic(byte[] ipv6) {
        try {
            return isPublic(InetAddress.getByAddress(new byte[] {ipv6[12], ipv6[13], ipv6[14], ipv6[15]}));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * A response body read as it arrives, bounded in bytes and in time: the whole response must arrive before its
     * deadline, a body that stalls or keeps coming fails instead of holding the harvest forever.
     */
    private static final class BoundedBody extends InputStream implements Flow.Subscriber<List<ByteBuffer>> {

        private static final Object END = new Object();
        private final BlockingQueue<Object> arrived = new LinkedBlockingQueue<>();
        private final String what;
        private final long deadline;
        private final Duration timeout;
        private final long maxBytes;
        private volatile Flow.Subscription subscription;
        private Iterator<ByteBuffer> buffers;
        private ByteBuffer current;
        private long total;
        private boolean ended;

        BoundedBody(String what, long deadline, Duration timeout, long maxBytes) {
            this.what = what;
            this.deadline = deadline;
            this.timeout = timeout;
            this.maxBytes = maxBytes;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
            arrived.add(item);
        }

        @Override
        public void onError(Throwable error) {
            arrived.add(error);
        }

        @Override
        public void onComplete() {
            arrived.add(END);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        @SuppressWarnings("unchecked")
        public int read(byte[] into, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            while (current == null || !current.hasRemaining()) {
                if (ended) {
                    return -1;
                }
                if (buffers != null && buffers.hasNext()) {
                    current = buffers.next();
                    continue;
                }
                Object item;
                try {
                    item = arrived.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException(what + ": interrupted");
                }
                if (item == null) {
                    close();
                    throw new OaiPmhException(null, what + ": the response did not arrive in full within "
                            + timeout.toSeconds() + " s (catalog.harvest.response-timeout)");
                }
                if (item == END) {
                    ended = true;
                    return -1;
                }
                if (item instanceof Throwable error) {
                    ended = true;
                    throw new IOException(MarcImport.describe(error), error);
                }
                buffers = ((List<ByteBuffer>) item).iterator();
                subscription.request(1);
            }
            int n = Math.min(length, current.remaining());
            total += n;
            if (total > maxBytes) {
                close();
                throw new OaiPmhException(null, what + ": the response is larger than " + maxBytes
                        + " bytes, the most one response may have (catalog.harvest.max-response-bytes)");
            }
            current.get(into, offset, n);
            return n;
        }

        @Override
        public void close() {
            ended = true;
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }
    }

    private static String describeRequest(URI uri) {
        return "OAI-PMH request " + uri;
    }

    private static void closeBody(InputStream body) {
        try {
            body.close();
        } catch (IOException ignored) {
            // the response is abandoned anyway
        }
    }

    /** One response, read record by record as it arrives. */
    private static final class Page implements AutoCloseable {

        private final String source;
        private final String what;
        private final InputStream body;
        private final XMLStreamReader xml;
        private boolean inList;
        private boolean ended;
        boolean noRecordsMatch;
        String resumptionToken;
        String datestamp;

        Page(String baseUrl, String what, InputStream body) {
            this.source = "oai:" + baseUrl;
            this.what = what;
            this.body = body;
            try {
                this.xml = MarcXmlRecords.inputFactory().createXMLStreamReader(MarcImport.filtered(body));
                start();
            } catch (XMLStreamException e) {
                close();
                throw new OaiPmhException(null, what + ": the response is not well-formed XML ("
                        + MarcXmlRecords.describe(e) + ")", e);
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        /** Reads up to the list of records, or the error. */
        private void start() throws XMLStreamException {
            boolean sawRoot = false;
            while (xml.hasNext()) {
                if (xml.next() != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                String name = xml.getLocalName();
                if (!sawRoot) {
                    sawRoot = true;
                    if (!"OAI-PMH".equals(name)) {
                        throw new OaiPmhException(null, what + ": the response is not OAI-PMH (its root element is <"
                                + name + ">)");
                    }
                    continue;
                }
                switch (name) {
                    case "error" -> {
                        String code = xml.getAttributeValue(null, "code");
                        String text = Isbd.normalize(MarcXmlRecords.text(xml));
                        if ("noRecordsMatch".equals(code)) {
                            noRecordsMatch = true;
                            ended = true;
                            return;
                        }
                        throw new OaiPmhException(code, what + ": the repository answered with OAI-PMH error "
                                + (code == null ? "(no code)" : code) + " — " + explain(code)
                                + (text == null ? "" : " (" + text + ")"));
                    }
                    case "ListRecords", "GetRecord" -> {
                        inList = true;
                        return;
                    }
                    case "responseDate", "request" -> MarcXmlRecords.skipElement(xml);
                    default -> throw new OaiPmhException(null, what + ": unexpected <" + name
                            + "> in the response instead of ListRecords or GetRecord");
                }
            }
            throw new OaiPmhException(null, what + ": the response has no ListRecords, GetRecord or error");
        }

        /** The next record of this page, or {@code null} at its end (then {@link #resumptionToken} is known). */
        ReadOutcome nextRecord(int position) {
            if (ended || !inList) {
                return null;
            }
            try {
                while (xml.hasNext()) {
                    int event = xml.next();
                    if (event == XMLStreamConstants.END_ELEMENT
                            && ("ListRecords".equals(xml.getLocalName()) || "GetRecord".equals(xml.getLocalName()))) {
                        ended = true;
                        return null;
                    }
                    if (event != XMLStreamConstants.START_ELEMENT) {
                        continue;
                    }
                    if ("record".equals(xml.getLocalName())) {
                        return record(position);
                    }
                    if ("resumptionToken".equals(xml.getLocalName())) {
                        resumptionToken = Isbd.normalize(MarcXmlRecords.text(xml));
                    } else {
                        MarcXmlRecords.skipElement(xml);
                    }
                }
                ended = true;
                return null;
            } catch (XMLStreamException e) {
                ended = true;
                throw new OaiPmhException(null, what + ": the response stops being well-formed XML after record "
                        + (position - 1) + " (" + MarcXmlRecords.describe(e) + ")", e);
            }
        }

        private ReadOutcome record(int position) throws XMLStreamException {
            String identifier = null;
            boolean deleted = false;
            datestamp = null;
            ReadOutcome metadata = null;
            boolean sawMetadata = false;
            int depth = 1;
            while (depth > 0) {
                int event = xml.next();
                if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                    continue;
                }
                if (event != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                switch (xml.getLocalName()) {
                    case "header" -> {
                        deleted = "deleted".equals(xml.getAttributeValue(null, "status"));
                        depth++;
                    }
                    case "identifier" -> identifier = Isbd.normalize(MarcXmlRecords.text(xml));
                    case "datestamp" -> datestamp = Isbd.normalize(MarcXmlRecords.text(xml));
                    case "metadata" -> {
                        sawMetadata = true;
                        metadata = metadata(position, identifier);
                    }
                    default -> MarcXmlRecords.skipElement(xml);
                }
            }
            String where = MarcMapping.where(position, identifier);
            if (deleted) {
                return identifier == null
                        ? ReadOutcome.failure(position, null, where + ": a deleted record without an identifier")
                        : ReadOutcome.success(position, BibRecord.deleted(source, identifier));
            }
            if (identifier == null) {
                return ReadOutcome.failure(position, null, where + ": a record without an identifier in its header");
            }
            if (!sawMetadata || metadata == null) {
                return ReadOutcome.failure(position, identifier, where + ": no metadata");
            }
            return metadata;
        }

        /** Reads {@code <metadata>} (the reader is on its start tag) up to its end tag. */
        private ReadOutcome metadata(int position, String identifier) throws XMLStreamException {
            ReadOutcome outcome = null;
            int depth = 1;
            while (depth > 0) {
                int event = xml.next();
                if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                    continue;
                }
                if (event != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                String name = xml.getLocalName();
                if (outcome != null) {
                    MarcXmlRecords.skipElement(xml);
                } else if (MarcXmlRecords.isMarcRecord(xml)) {
                    outcome = marc(position, identifier);
                } else if ("collection".equals(name)) {
                    depth++; // MARCXML collection around the record: look inside
                } else if ("dc".equals(name)) {
                    outcome = DublinCore.read(xml, position, source, identifier);
                } else {
                    MarcXmlRecords.skipElement(xml);
                    outcome = ReadOutcome.failure(position, identifier, MarcMapping.where(position, identifier)
                            + ": metadata format <" + name + "> is not supported (only oai_dc and MARC 21)");
                }
            }
            return outcome;
        }

        private ReadOutcome marc(int position, String identifier) throws XMLStreamException {
            MarcXmlRecords.Parsed parsed = MarcXmlRecords.read(xml);
            if (parsed.problem() != null) {
                return ReadOutcome.failure(position, identifier,
                        MarcMapping.where(position, identifier) + ": " + parsed.problem());
            }
            return MarcMapping.toOutcome(position, parsed.record(), source, identifier, parsed.warnings());
        }

        @Override
        public void close() {
            try {
                if (xml != null) {
                    xml.close();
                }
            } catch (XMLStreamException ignored) {
                // closing anyway
            }
            closeBody(body);
        }
    }

    /** What an OAI-PMH error code means, in plain words. */
    static String explain(String code) {
        if (code == null) {
            return "the repository reported an error";
        }
        return switch (code) {
            case "badArgument" -> "the request has an illegal or missing argument (check the from date and set)";
            case "badResumptionToken" -> "the resumption token is invalid or has expired; start the harvest again";
            case "badVerb" -> "the repository does not understand the request; is this an OAI-PMH base URL?";
            case "cannotDisseminateFormat" -> "the repository does not offer this metadata format";
            case "idDoesNotExist" -> "the repository has no record with this identifier";
            case "noSetHierarchy" -> "the repository does not support sets";
            case "noMetadataFormats" -> "the repository offers no metadata formats for this item";
            default -> "an error the OAI-PMH standard does not define";
        };
    }

    /** Simple Dublin Core ({@code oai_dc}) to {@link BibRecord}. */
    private static final class DublinCore {

        static ReadOutcome read(XMLStreamReader xml, int position, String source, String identifier)
                throws XMLStreamException {
            Map<String, List<String>> values = new LinkedHashMap<>();
            boolean marked = false;
            int depth = 1;
            while (depth > 0) {
                int event = xml.next();
                if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                } else if (event == XMLStreamConstants.START_ELEMENT) {
                    String name = xml.getLocalName();
                    String text = MarcXmlRecords.text(xml);
                    if (text.indexOf(XmlControlCharacters.MARKER) >= 0) {
                        marked = true;
                    }
                    String value = Isbd.normalize(text);
                    if (value != null) {
                        values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                    }
                }
            }
            String where = MarcMapping.where(position, identifier);
            if (marked) {
                return ReadOutcome.failure(position, identifier, where + ": contains control characters that XML does not allow");
            }
            String title = firstClean(values.get("title"));
            if (title == null) {
                return ReadOutcome.failure(position, identifier, where + ": no title (dc:title)");
            }
            List<String> subjects = new ArrayList<>();
            for (String s : values.getOrDefault("subject", List.of())) {
                for (String part : s.split(";")) {
                    add(subjects, Isbd.clean(part));
                }
            }
            List<String> authors = new ArrayList<>();
            values.getOrDefault("creator", List.of()).forEach(a -> add(authors, Isbd.clean(a)));
            List<String> descriptions = new ArrayList<>();
            values.getOrDefault("description", List.of()).forEach(d -> add(descriptions, d));
            Integer year = null;
            for (String d : values.getOrDefault("date", List.of())) {
                year = PublicationYear.fromText(d);
                if (year != null) {
                    break;
                }
            }
            String language = null;
            for (String l : values.getOrDefault("language", List.of())) {
                language = LanguageCodes.fromNameOrCode(l);
                if (language != null) {
                    break;
                }
            }
            List<String> isbns = new ArrayList<>();
            for (String id : values.getOrDefault("identifier", List.of())) {
                isbns(id).forEach(i -> add(isbns, i));
            }
            String publisher = null;
            for (String p : values.getOrDefault("publisher", List.of())) {
                publisher = Isbd.publisher(p);
                if (publisher != null) {
                    break;
                }
            }
            BibRecord record = new BibRecord(source, identifier, title, null, authors, publisher, null, year, isbns,
                    language, subjects, null, descriptions.isEmpty() ? null : String.join("\n\n", descriptions),
                    List.of(), false);
            return ReadOutcome.success(position, record);
        }

        /** ISBNs in a dc:identifier: labelled ("ISBN 978…", "urn:isbn:…") or a bare number with a valid check digit. */
        static List<String> isbns(String identifier) {
            String lower = identifier.toLowerCase(Locale.ROOT);
            if (lower.contains("isbn")) {
                return Isbn.findAll(identifier);
            }
            String bare = identifier.strip().replace("-", "").replace(" ", "").toUpperCase(Locale.ROOT);
            return Isbn.hasValidCheckDigit(bare) ? List.of(bare) : List.of();
        }

        private static String firstClean(List<String> values) {
            if (values != null) {
                for (String v : values) {
                    String c = Isbd.clean(v);
                    if (c != null) {
                        return c;
                    }
                }
            }
            return null;
        }

        private static void add(List<String> list, String value) {
            if (value != null && list.stream().noneMatch(v -> v.equalsIgnoreCase(value))) {
                list.add(value);
            }
        }
    }
}
