package org.tanyapustaka.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for Meta's servers, the one part of the system that cannot exist on this machine. It honours the
 * documented WhatsApp Cloud API contract: {@code POST /{version}/{phone-number-id}/messages} checks the bearer
 * token and the documented limits, answers with Meta's success or error JSON, records what was sent, and then
 * delivers signed {@code sent}, {@code delivered} and {@code read} status webhooks to the gateway, as Meta does.
 * It also plays the patron: {@code POST /sandbox/send} turns a typed message into a signed webhook.
 *
 * <p>{@code POST /{version}/{phone-number-id}/media} takes an upload as Meta does (multipart: {@code file},
 * {@code type}, {@code messaging_product}), checks the supported types and their sizes and that the bytes are what
 * {@code type} says, and answers {@code {"id": "<media-id>"}}; document, image, audio and video messages may then
 * name that id. {@code GET /sandbox/media/{id}} serves such a file to the patron's phone (the chat page).
 */
public final class WhatsAppCloudStandIn implements AutoCloseable {

    public static final String DEFAULT_VERSION = "v23.0";

    private static final Pattern MESSAGES_PATH = Pattern.compile("^/(v\\d+\\.\\d+)/([^/]+)/messages$");
    private static final Pattern UPLOAD_PATH = Pattern.compile("^/(v\\d+\\.\\d+)/([^/]+)/media$");
    private static final Pattern MEDIA_PATH = Pattern.compile("^/(v\\d+\\.\\d+)/(\\d+)$");
    private static final Pattern DOWNLOAD_PATH = Pattern.compile("^/media-download/(\\d+)$");
    /** Meta's media URLs are valid for five minutes. */
    private static final java.time.Duration MEDIA_URL_VALIDITY = java.time.Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String accessToken;
    private final String phoneNumberId;
    private final MetaWebhooks webhooks;
    private final List<SentMessage> sent = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService statusSender = Executors.newScheduledThreadPool(4, r -> {
        Thread t = new Thread(r, "whatsapp-standin-status");
        t.setDaemon(true);
        return t;
    });
    private volatile URI webhookUrl;
    private volatile byte[] homePage;
    private volatile boolean sendStatuses = true;

    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
    private final Map<String, java.util.Queue<Scripted>> scripts = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, StoredMedia> media = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<Upload> uploads = new CopyOnWriteArrayList<>();
    /** Misbehaviour scripted per media id: the URL its metadata names, or where its download redirects. */
    private final Map<String, String> mediaUrlOverrides = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, String> mediaRedirects = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Queue<Scripted> uploadScript = new java.util.concurrent.ConcurrentLinkedQueue<>();

    /** A file the business uploaded and WhatsApp accepted ({@code type} as given, {@code filename} of the part). */
    public record Upload(String id, String type, String filename, byte[] content, Instant at) {
    }

    /** Every send request that reached the Graph API, accepted or refused. */
    public record Attempt(String to, Instant at, JsonNode request) {
    }

    /**
     * A scripted answer to the next send to one patron: Meta's error JSON with an HTTP status, after a delay; an
     * HTTP status of 200 means "accept normally, after the delay".
     */
    public record Scripted(int httpStatus, int code, String title, long delayMillis) {

        public static Scripted error(int httpStatus, int code, String title) {
            return new Scripted(httpStatus, code, title, 0);
        }

        public static Scripted slowSuccess(java.time.Duration delay) {
            return new Scripted(200, 0, null, delay.toMillis());
        }
    }

    private record StoredMedia(String id, byte[] content, String mimeType, String sha256, int failuresLeft,
            Instant urlIssuedAt) {
    }

    /** One message the business sent, as Meta recorded it. */
    public record SentMessage(String wamid, String to, Instant at, JsonNode request, List<String> statuses) {
    }

    public WhatsAppCloudStandIn(int port, String accessToken, String phoneNumberId, String appSecret) {
        this.accessToken = accessToken;
        this.phoneNumberId = phoneNumberId;
        this.webhooks = new MetaWebhooks(appSecret, phoneNumberId);
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", port), 64);
        } catch (IOException e) {
            throw new IllegalStateException("Port " + port + " is not free for the WhatsApp sandbox", e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "whatsapp-standin-http");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/sandbox/messages", this::listMessages);
        server.createContext("/sandbox/send", this::patronSends);
        server.createContext("/sandbox/media/", this::patronOpensMedia);
        server.createContext("/sandbox/health", exchange -> {
            try (exchange) {
                respond(exchange, 200, JSON.createObjectNode().put("status", "UP"));
            }
        });
        server.createContext("/", this::graphApi);
    }

    public WhatsAppCloudStandIn start() {
        server.start();
        return this;
    }

    @Override
    public void close() {
        server.stop(0);
        statusSender.shutdownNow();
    }

    /** Where status webhooks and patron messages are delivered (the gateway's {@code /webhook}). */
    public WhatsAppCloudStandIn deliverWebhooksTo(URI webhook) {
        this.webhookUrl = webhook;
        return this;
    }

    /** Whether {@code sent}/{@code delivered}/{@code read} webhooks follow each accepted message. */
    public WhatsAppCloudStandIn sendStatuses(boolean send) {
        this.sendStatuses = send;
        return this;
    }

    /** The page served at {@code GET /} (the sandbox's chat page). */
    public WhatsAppCloudStandIn homePage(byte[] html) {
        this.homePage = html;
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The base URL to configure as {@code WHATSAPP_API_BASE_URL}. */
    public String baseUrl() {
        return "http://localhost:" + port();
    }

    public MetaWebhooks webhooks() {
        return webhooks;
    }

    /** Every message accepted so far, oldest first. */
    public List<SentMessage> sent() {
        return List.copyOf(sent);
    }

    /** The messages accepted for one patron, oldest first (mark-as-read calls included). */
    public List<SentMessage> sentTo(String waId) {
        return sent.stream().filter(m -> waId.equals(m.to())).toList();
    }

    public void clear() {
        sent.clear();
        attempts.clear();
        scripts.clear();
        uploads.clear();
        uploadScript.clear();
    }

    /** Every upload accepted so far, oldest first. */
    public List<Upload> uploads() {
        return List.copyOf(uploads);
    }

    /** The next uploads (to anyone) get these answers, in order; later uploads are checked and taken normally. */
    public void scriptUploads(Scripted... answers) {
        uploadScript.addAll(List.of(answers));
    }

    /** Every send request for the patron that reached the Graph API, accepted or refused, oldest first. */
    public List<Attempt> attemptsTo(String waId) {
        return attempts.stream().filter(a -> waId.equals(a.to())).toList();
    }

    /** The next sends to the patron get these answers, in order; later sends are accepted normally. */
    public void script(String waId, Scripted... answers) {
        scripts.computeIfAbsent(waId, k -> new java.util.concurrent.ConcurrentLinkedQueue<>())
                .addAll(List.of(answers));
    }

    /**
     * Stores an attachment as if a patron had sent it; returns its media id. The first {@code failingDownloads}
     * downloads of it answer 500.
     */
    public String addMedia(byte[] content, String mimeType, int failingDownloads) {
        String id = String.valueOf(1_000_000_000_000_000L + (long) (Math.random() * 8_000_000_000_000_000L));
        String sha256;
        try {
            sha256 = java.util.Base64.getEncoder().encodeToString(
                    java.security.MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        media.put(id, new StoredMedia(id, content, mimeType, sha256, failingDownloads, null));
        return id;
    }

    /**
     * Scripts the media's metadata answer to name this URL instead of the stand-in's own download URL (a response
     * tampered with on the way, or a bug): the gateway must not send its token there.
     */
    public void mediaUrlPointsAt(String mediaId, String url) {
        mediaUrlOverrides.put(mediaId, url);
    }

    /** Scripts the media's download to answer {@code 302 Found} with this {@code Location}. */
    public void mediaDownloadRedirectsTo(String mediaId, String location) {
        mediaRedirects.put(mediaId, location);
    }

    // ---------------------------------------------------------------- Graph API

    private void graphApi(HttpExchange exchange) throws IOException {
        try (exchange) {
            String requestPath = exchange.getRequestURI().getPath();
            if (homePage != null && "GET".equals(exchange.getRequestMethod())
                    && (requestPath.equals("/") || requestPath.equals("/index.html"))) {
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.getResponseHeaders().set("Cache-Control", "no-store");
                exchange.sendResponseHeaders(200, homePage.length);
                exchange.getResponseBody().write(homePage);
                return;
            }
            if (!bearerMatches(exchange)) {
                error(exchange, 401, 190, "Invalid OAuth access token - Cannot parse access token", "OAuthException",
                        null);
                return;
            }
            Matcher mediaPath = MEDIA_PATH.matcher(requestPath);
            if ("GET".equals(exchange.getRequestMethod()) && mediaPath.matches()) {
                mediaUrl(exchange, mediaPath.group(2));
                return;
            }
            Matcher download = DOWNLOAD_PATH.matcher(requestPath);
            if ("GET".equals(exchange.getRequestMethod()) && download.matches()) {
                download(exchange, download.group(1));
                return;
            }
            Matcher upload = UPLOAD_PATH.matcher(requestPath);
            if ("POST".equals(exchange.getRequestMethod()) && upload.matches()) {
                upload(exchange, upload.group(2));
                return;
            }
            Matcher path = MESSAGES_PATH.matcher(requestPath);
            if (!path.matches()) {
                error(exchange, 400, 100, "Unsupported request - method type: " + exchange.getRequestMethod().toLowerCase(),
                        "GraphMethodException", null);
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                error(exchange, 400, 100, "Unsupported get request.", "GraphMethodException", null);
                return;
            }
            if (!path.group(2).equals(phoneNumberId)) {
                error(exchange, 400, 100, "Unsupported post request. Object with ID '" + path.group(2)
                        + "' does not exist, cannot be loaded due to missing permissions, or does not support this"
                        + " operation.", "GraphMethodException", null);
                return;
            }
            JsonNode body;
            try {
                body = JSON.readTree(exchange.getRequestBody());
            } catch (IOException e) {
                error(exchange, 400, 100, "(#100) The parameter messaging_product is required.", "OAuthException",
                        null);
                return;
            }
            String to = body.has("status") ? inboundPatrons.get(body.path("message_id").asText())
                    : body.path("to").asText(null);
            attempts.add(new Attempt(to, Instant.now(), body));
            java.util.Queue<Scripted> script = to == null ? null : scripts.get(to);
            Scripted scripted = script == null ? null : script.poll();
            if (scripted != null) {
                sleepQuietly(scripted.delayMillis());
                if (scripted.httpStatus() != 200) {
                    error(exchange, scripted.httpStatus(), scripted.code(), scripted.title(), "OAuthException", null);
                    return;
                }
            }
            String problem = MessageRules.check(body);
            if (problem != null) {
                int code = problem.startsWith("required:") ? 131008 : problem.startsWith("param:") ? 100 : 131009;
                String title = code == 131008 ? "Required parameter is missing"
                        : code == 100 ? "(#100) Invalid parameter" : "Parameter value is not valid";
                error(exchange, 400, code, title, "OAuthException", problem.substring(problem.indexOf(':') + 1));
                return;
            }
            problem = mediaProblem(body);
            if (problem != null) {
                error(exchange, 400, problem.startsWith("upload:") ? 131053 : 100,
                        problem.startsWith("upload:") ? "Media upload error" : "(#100) Invalid parameter",
                        "OAuthException", problem.substring(problem.indexOf(':') + 1));
                return;
            }
            if (body.has("status")) {
                markRead(exchange, body);
            } else {
                accept(exchange, body);
            }
        }
    }

    /** A media message must name a media id that was uploaded (or a link), of a type its message type can carry. */
    private String mediaProblem(JsonNode body) {
        String type = body.path("type").asText("");
        JsonNode object = body.path(type);
        if (!MediaRules.MESSAGE_TYPES.contains(type) || !object.hasNonNull("id")) {
            return null;
        }
        String id = object.path("id").asText();
        StoredMedia stored = media.get(id);
        if (stored == null) {
            return "param:" + type + "['id'] " + id + " is not the id of an uploaded media";
        }
        if (!MediaRules.category(stored.mimeType()).equals(type)) {
            return "upload:the media " + id + " is " + stored.mimeType() + ", which cannot be sent as " + type;
        }
        return null;
    }

    /** {@code POST /{version}/{phone-number-id}/media}: Meta's media upload (multipart/form-data). */
    private void upload(HttpExchange exchange, String numberId) throws IOException {
        if (!numberId.equals(phoneNumberId)) {
            error(exchange, 400, 100, "Unsupported post request. Object with ID '" + numberId + "' does not exist, "
                    + "cannot be loaded due to missing permissions, or does not support this operation.",
                    "GraphMethodException", null);
            return;
        }
        Scripted scripted = uploadScript.poll();
        if (scripted != null) {
            sleepQuietly(scripted.delayMillis());
            if (scripted.httpStatus() != 200) {
                exchange.getRequestBody().readAllBytes();
                error(exchange, scripted.httpStatus(), scripted.code(), scripted.title(), "OAuthException", null);
                return;
            }
        }
        Map<String, MediaRules.Part> parts;
        try {
            parts = MediaRules.parseMultipart(exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestBody());
        } catch (IllegalArgumentException e) {
            error(exchange, 400, 100, "(#100) " + e.getMessage(), "OAuthException", null);
            return;
        }
        MediaRules.Part product = parts.get("messaging_product");
        if (product == null || !"whatsapp".equals(product.text())) {
            error(exchange, 400, 100, "(#100) The parameter messaging_product is required.", "OAuthException", null);
            return;
        }
        MediaRules.Part file = parts.get("file");
        if (file == null || file.filename() == null) {
            error(exchange, 400, 100, "(#100) The parameter file is required.", "OAuthException", null);
            return;
        }
        MediaRules.Part typePart = parts.get("type");
        if (typePart == null || typePart.text().isBlank()) {
            error(exchange, 400, 100, "(#100) The parameter type is required.", "OAuthException", null);
            return;
        }
        String type = typePart.text().strip();
        Long limit = MediaRules.LIMITS.get(type);
        if (limit == null) {
            error(exchange, 400, 100, "(#100) Param file must be a file with one of the following types: "
                    + String.join(", ", MediaRules.LIMITS.keySet()) + ". Received file of type '" + type + "'.",
                    "OAuthException", null);
            return;
        }
        String problem = MediaRules.contentProblem(type, file, limit);
        if (problem != null) {
            error(exchange, 400, 131053, "Media upload error", "OAuthException", problem);
            return;
        }
        String id = addMedia(file.content(), type, 0);
        uploads.add(new Upload(id, type, file.filename(), file.content(), Instant.now()));
        respond(exchange, 200, JSON.createObjectNode().put("id", id));
    }

    private boolean bearerMatches(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        return authorization != null && authorization.equals("Bearer " + accessToken);
    }

    /** {@code GET /{version}/{media-id}}: the media's short-lived download URL and its metadata. */
    private void mediaUrl(HttpExchange exchange, String id) throws IOException {
        StoredMedia stored = media.get(id);
        if (stored == null) {
            error(exchange, 400, 100, "Unsupported get request. Object with ID '" + id + "' does not exist",
                    "GraphMethodException", null);
            return;
        }
        media.put(id, new StoredMedia(id, stored.content(), stored.mimeType(), stored.sha256(), stored.failuresLeft(),
                Instant.now()));
        respond(exchange, 200, JSON.createObjectNode()
                .put("messaging_product", "whatsapp")
                .put("url", mediaUrlOverrides.getOrDefault(id, baseUrl() + "/media-download/" + id))
                .put("mime_type", stored.mimeType())
                .put("sha256", stored.sha256())
                .put("file_size", stored.content().length)
                .put("id", id));
    }

    /** {@code GET <url>}: the bytes, with the bearer token, while the URL is valid. */
    private void download(HttpExchange exchange, String id) throws IOException {
        StoredMedia stored = media.get(id);
        if (stored == null || stored.urlIssuedAt() == null
                || stored.urlIssuedAt().plus(MEDIA_URL_VALIDITY).isBefore(Instant.now())) {
            error(exchange, 404, 131052, "Media download error", "OAuthException", "the URL expired or never existed");
            return;
        }
        String redirect = mediaRedirects.get(id);
        if (redirect != null) {
            exchange.getResponseHeaders().set("Location", redirect);
            exchange.sendResponseHeaders(302, -1);
            return;
        }
        if (stored.failuresLeft() > 0) {
            media.put(id, new StoredMedia(id, stored.content(), stored.mimeType(), stored.sha256(),
                    stored.failuresLeft() - 1, stored.urlIssuedAt()));
            error(exchange, 500, 131000, "Something went wrong", "OAuthException", null);
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", stored.mimeType());
        exchange.sendResponseHeaders(200, stored.content().length);
        exchange.getResponseBody().write(stored.content());
    }

    private void markRead(HttpExchange exchange, JsonNode body) throws IOException {
        // The patron is known for messages the sandbox delivered itself; a read call is recorded either way.
        String patron = inboundPatrons.get(body.path("message_id").asText());
        sent.add(new SentMessage(null, patron, Instant.now(), body, new CopyOnWriteArrayList<>()));
        respond(exchange, 200, JSON.createObjectNode().put("success", true));
    }

    /** Which patron sent each message the sandbox delivered (wamid → wa_id), so read calls can be shown to them. */
    private final Map<String, String> inboundPatrons = new java.util.concurrent.ConcurrentHashMap<>();

    private void accept(HttpExchange exchange, JsonNode body) throws IOException {
        String to = body.path("to").asText();
        String wamid = MetaWebhooks.newWamid();
        SentMessage message = new SentMessage(wamid, to, Instant.now(), body, new CopyOnWriteArrayList<>());
        sent.add(message);
        // WhatsApp has taken the message: its statuses follow even if the sender no longer waits for the answer.
        if (sendStatuses && webhookUrl != null) {
            scheduleStatus(message, "sent", 50);
            scheduleStatus(message, "delivered", 150);
            scheduleStatus(message, "read", 400);
        }
        ObjectNode response = JSON.createObjectNode().put("messaging_product", "whatsapp");
        response.putArray("contacts").addObject().put("input", to).put("wa_id", to);
        response.putArray("messages").addObject().put("id", wamid);
        respond(exchange, 200, response);
    }

    private void scheduleStatus(SentMessage message, String status, long delayMillis) {
        scheduleStatus(message, status, delayMillis, 0);
    }

    /** Meta retries a webhook that was not answered with 200 (for days); the stand-in for about two minutes. */
    private void scheduleStatus(SentMessage message, String status, long delayMillis, int attempt) {
        statusSender.schedule(() -> {
            JsonNode callbackData = message.request().path("biz_opaque_callback_data");
            ObjectNode webhook = webhooks.status(message.wamid(), message.to(), status, Instant.now(),
                    callbackData.isTextual() ? callbackData.asText() : null);
            if (webhooks.post(webhookUrl, webhook) == 200) {
                message.statuses().add(status);
            } else if (attempt < 20) {
                scheduleStatus(message, status, Math.min(500L << attempt, 8_000L), attempt + 1);
            }
        }, delayMillis, TimeUnit.MILLISECONDS);
    }

    // ---------------------------------------------------------------- the patron's side

    private void patronSends(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, JSON.createObjectNode().put("error", "POST a message"));
                return;
            }
            JsonNode request;
            try {
                request = JSON.readTree(exchange.getRequestBody());
            } catch (IOException e) {
                respond(exchange, 400, JSON.createObjectNode().put("error", "the body must be JSON"));
                return;
            }
            String from = request.path("from").asText("");
            if (!from.matches("\\d{6,15}")) {
                respond(exchange, 400, JSON.createObjectNode().put("error", "from must be a WhatsApp number: 6 to 15 digits"));
                return;
            }
            if (webhookUrl == null) {
                respond(exchange, 503, JSON.createObjectNode().put("error", "no gateway webhook configured"));
                return;
            }
            String name = request.path("name").asText("Pemustaka");
            String wamid = MetaWebhooks.newWamid();
            String context = request.hasNonNull("contextWamid") ? request.get("contextWamid").asText() : null;
            ObjectNode webhook;
            if (request.has("buttonReply")) {
                JsonNode reply = request.get("buttonReply");
                webhook = webhooks.buttonReply(from, name, wamid, context, reply.path("id").asText(),
                        reply.path("title").asText());
            } else if (request.has("listReply")) {
                JsonNode reply = request.get("listReply");
                webhook = webhooks.listReply(from, name, wamid, context, reply.path("id").asText(),
                        reply.path("title").asText(), reply.hasNonNull("description") ? reply.get("description").asText() : null);
            } else if (request.has("attachment")) {
                JsonNode attachment = request.get("attachment");
                byte[] content;
                try {
                    content = java.util.Base64.getDecoder().decode(attachment.path("base64").asText(""));
                } catch (IllegalArgumentException e) {
                    respond(exchange, 400, JSON.createObjectNode().put("error", "attachment.base64 is not base64"));
                    return;
                }
                String mimeType = attachment.path("mimeType").asText("application/octet-stream");
                if (content.length == 0 || content.length > 100 * 1024 * 1024) {
                    respond(exchange, 400, JSON.createObjectNode().put("error", "an attachment has 1 byte to 100 MB"));
                    return;
                }
                String mediaId = addMedia(content, mimeType, 0);
                String type = mimeType.startsWith("image/") ? "image" : mimeType.startsWith("video/") ? "video"
                        : mimeType.startsWith("audio/") ? "audio" : "document";
                webhook = webhooks.media(from, name, wamid, type, mediaId, mimeType, media.get(mediaId).sha256(),
                        attachment.path("caption").asText(null), attachment.path("filename").asText(null));
            } else {
                String text = request.path("text").asText("");
                if (text.isBlank() || text.length() > 4096) {
                    respond(exchange, 400, JSON.createObjectNode().put("error", "text must have 1 to 4096 characters"));
                    return;
                }
                webhook = webhooks.text(from, name, wamid, text);
            }
            inboundPatrons.put(wamid, from);
            int status = webhooks.post(webhookUrl, webhook);
            respond(exchange, 200, JSON.createObjectNode().put("wamid", wamid).put("gatewayStatus", status));
        }
    }

    /** The patron's phone opens a file the library sent (the chat page shows images and offers documents). */
    private void patronOpensMedia(HttpExchange exchange) throws IOException {
        try (exchange) {
            String id = exchange.getRequestURI().getPath().substring("/sandbox/media/".length());
            StoredMedia stored = media.get(id);
            if (stored == null || !"GET".equals(exchange.getRequestMethod())) {
                respond(exchange, 404, JSON.createObjectNode().put("error", "no media " + id));
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", stored.mimeType());
            exchange.getResponseHeaders().set("Cache-Control", "private, max-age=3600");
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            String filename = uploads.stream().filter(u -> u.id().equals(id)).map(Upload::filename).findFirst()
                    .orElse("media");
            exchange.getResponseHeaders().set("Content-Disposition", "inline; filename*=UTF-8''"
                    + java.net.URLEncoder.encode(filename, StandardCharsets.UTF_8).replace("+", "%20"));
            exchange.sendResponseHeaders(200, stored.content().length);
            exchange.getResponseBody().write(stored.content());
        }
    }

    private void listMessages(HttpExchange exchange) throws IOException {
        try (exchange) {
            String to = queryParameter(exchange.getRequestURI(), "to");
            ArrayNode list = JSON.createArrayNode();
            for (SentMessage message : sent) {
                if (to != null && !to.equals(message.to())) {
                    continue;
                }
                ObjectNode item = list.addObject();
                item.put("wamid", message.wamid());
                item.put("to", message.to());
                item.put("at", message.at().toString());
                List<String> statuses = message.statuses();
                if (!statuses.isEmpty()) {
                    item.put("status", statuses.get(statuses.size() - 1));
                }
                item.set("request", message.request());
                JsonNode mediaObject = message.request().path(message.request().path("type").asText(""));
                StoredMedia stored = mediaObject.hasNonNull("id") ? media.get(mediaObject.path("id").asText()) : null;
                if (stored != null) {
                    item.putObject("media").put("id", stored.id()).put("mimeType", stored.mimeType())
                            .put("size", stored.content().length).put("url", "/sandbox/media/" + stored.id());
                }
            }
            respond(exchange, 200, list);
        }
    }

    // ---------------------------------------------------------------- plumbing

    private static String queryParameter(URI uri, String name) {
        String query = uri.getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static void error(HttpExchange exchange, int httpStatus, int code, String message, String type,
            String details) throws IOException {
        ObjectNode error = JSON.createObjectNode();
        ObjectNode inner = error.putObject("error").put("message", message).put("type", type).put("code", code);
        if (details != null) {
            inner.putObject("error_data").put("messaging_product", "whatsapp").put("details", details);
        }
        inner.put("fbtrace_id", "A" + UUID.randomUUID().toString().replace("-", "").substring(0, 22));
        respond(exchange, httpStatus, error);
    }

    static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The documented limits of the send API; returns null when the body is valid, else "kind:details". */
    static final class MessageRules {

        static String check(JsonNode body) {
            if (!"whatsapp".equals(body.path("messaging_product").asText())) {
                return "required:messaging_product must be \"whatsapp\"";
            }
            if (body.has("status")) {
                if (!"read".equals(body.path("status").asText())) {
                    return "param:status must be \"read\"";
                }
                JsonNode typing = body.path("typing_indicator");
                if (!typing.isMissingNode() && !"text".equals(typing.path("type").asText())) {
                    return "param:typing_indicator['type'] must be \"text\"";
                }
                return body.path("message_id").asText().isEmpty() ? "required:message_id is required" : null;
            }
            if (!body.path("to").asText().matches("\\+?\\d{6,15}")) {
                return "required:to must be a phone number or WhatsApp id";
            }
            String type = body.path("type").asText("text");
            return switch (type) {
                case "text" -> text(body.path("text"));
                case "interactive" -> interactive(body.path("interactive"));
                case "template" -> template(body.path("template"));
                case "image", "document", "audio", "video", "sticker" -> mediaMessage(type, body.path(type));
                default -> "param:unsupported message type " + type;
            };
        }

        private static String text(JsonNode text) {
            String body = text.path("body").asText("");
            if (body.isEmpty()) {
                return "required:text['body'] is required";
            }
            return longer(body, 4096, "text['body']");
        }

        private static String interactive(JsonNode interactive) {
            String type = interactive.path("type").asText();
            String bodyText = interactive.path("body").path("text").asText("");
            if (bodyText.isEmpty()) {
                return "required:interactive['body']['text'] is required";
            }
            String problem = first(
                    longer(interactive.path("header").path("text").asText(""), 60, "header['text']"),
                    longer(interactive.path("footer").path("text").asText(""), 60, "footer['text']"));
            if (problem != null) {
                return problem;
            }
            JsonNode action = interactive.path("action");
            if ("button".equals(type)) {
                problem = longer(bodyText, 1024, "body['text']");
                if (problem != null) {
                    return problem;
                }
                JsonNode buttons = action.path("buttons");
                if (!buttons.isArray() || buttons.isEmpty() || buttons.size() > 3) {
                    return "invalid:action['buttons'] must have 1 to 3 buttons";
                }
                Set<String> ids = new HashSet<>();
                Set<String> titles = new HashSet<>();
                for (JsonNode button : buttons) {
                    JsonNode reply = button.path("reply");
                    String id = reply.path("id").asText("");
                    String title = reply.path("title").asText("");
                    if (id.isEmpty() || title.isEmpty()) {
                        return "required:button reply id and title are required";
                    }
                    problem = first(longer(id, 256, "button id"), longer(title, 20, "button title"));
                    if (problem != null) {
                        return problem;
                    }
                    if (!ids.add(id) || !titles.add(title)) {
                        return "invalid:button ids and titles must be unique";
                    }
                }
                return null;
            }
            if ("list".equals(type)) {
                problem = first(longer(bodyText, 4096, "body['text']"));
                String button = action.path("button").asText("");
                if (button.isEmpty()) {
                    return "required:action['button'] is required";
                }
                problem = first(problem, longer(button, 20, "action['button']"));
                if (problem != null) {
                    return problem;
                }
                JsonNode sections = action.path("sections");
                if (!sections.isArray() || sections.isEmpty() || sections.size() > 10) {
                    return "invalid:action['sections'] must have 1 to 10 sections";
                }
                int rows = 0;
                Set<String> ids = new HashSet<>();
                for (JsonNode section : sections) {
                    problem = longer(section.path("title").asText(""), 24, "section title");
                    if (problem != null) {
                        return problem;
                    }
                    if (sections.size() > 1 && section.path("title").asText("").isEmpty()) {
                        return "required:section title is required when there are several sections";
                    }
                    for (JsonNode row : section.path("rows")) {
                        rows++;
                        String id = row.path("id").asText("");
                        String title = row.path("title").asText("");
                        if (id.isEmpty() || title.isEmpty()) {
                            return "required:row id and title are required";
                        }
                        problem = first(longer(id, 200, "row id"), longer(title, 24, "row title"),
                                longer(row.path("description").asText(""), 72, "row description"));
                        if (problem != null) {
                            return problem;
                        }
                        if (!ids.add(id)) {
                            return "invalid:row ids must be unique";
                        }
                    }
                }
                if (rows == 0 || rows > 10) {
                    return "invalid:a list must have 1 to 10 rows in all, it has " + rows;
                }
                return null;
            }
            return "param:unsupported interactive type " + type;
        }

        /** A media message names an uploaded media id or a link; documents and images may have a caption. */
        private static String mediaMessage(String type, JsonNode media) {
            boolean id = !media.path("id").asText("").isEmpty();
            boolean link = !media.path("link").asText("").isEmpty();
            if (id == link) {
                return "required:" + type + " needs exactly one of id and link";
            }
            if (media.has("filename") && !type.equals("document")) {
                return "param:only a document has a filename";
            }
            if (media.has("caption") && (type.equals("audio") || type.equals("sticker"))) {
                return "param:" + type + " has no caption";
            }
            return longer(media.path("caption").asText(""), 1024, type + "['caption']");
        }

        private static String template(JsonNode template) {
            if (template.path("name").asText("").isEmpty()) {
                return "required:template['name'] is required";
            }
            if (template.path("language").path("code").asText("").isEmpty()) {
                return "required:template['language']['code'] is required";
            }
            return null;
        }

        private static String longer(String value, int max, String what) {
            int length = value.codePointCount(0, value.length());
            return length > max ? "invalid:" + what + " must be at most " + max + " characters long, it has " + length
                    : null;
        }

        private static String first(String... problems) {
            for (String problem : problems) {
                if (problem != null) {
                    return problem;
                }
            }
            return null;
        }
    }

    /** Meta's supported media types and sizes, and a reader of the upload's multipart body. */
    static final class MediaRules {

        static final long MB = 1024L * 1024L;
        /** Supported type → largest size, in Meta's documented order (audio, document, image, sticker, video). */
        static final Map<String, Long> LIMITS;
        static final Set<String> MESSAGE_TYPES = Set.of("image", "document", "audio", "video", "sticker");

        static {
            Map<String, Long> limits = new java.util.LinkedHashMap<>();
            for (String audio : List.of("audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg")) {
                limits.put(audio, 16 * MB);
            }
            for (String document : List.of("text/plain", "application/vnd.ms-excel",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/msword",
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    "application/vnd.ms-powerpoint",
                    "application/vnd.openxmlformats-officedocument.presentationml.presentation", "application/pdf")) {
                limits.put(document, 100 * MB);
            }
            limits.put("image/jpeg", 5 * MB);
            limits.put("image/png", 5 * MB);
            limits.put("image/webp", 500 * 1024L);
            limits.put("video/3gpp", 16 * MB);
            limits.put("video/mp4", 16 * MB);
            LIMITS = java.util.Collections.unmodifiableMap(limits);
        }

        /** The message type a media of this MIME type is sent as. */
        static String category(String mimeType) {
            if (mimeType.equals("image/webp")) {
                return "sticker";
            }
            int slash = mimeType.indexOf('/');
            String major = slash < 0 ? mimeType : mimeType.substring(0, slash);
            return switch (major) {
                case "image", "audio", "video" -> major;
                default -> "document";
            };
        }

        /** Why the file cannot be taken as {@code type}, or null: empty, too large, or bytes of another kind. */
        static String contentProblem(String type, Part file, long limit) {
            byte[] content = file.content();
            if (content.length == 0) {
                return "The file is empty.";
            }
            if (content.length > limit) {
                return "The file is " + content.length + " bytes; " + type + " media may have at most " + limit
                        + " bytes (" + (limit >= MB ? limit / MB + " MB" : limit / 1024 + " KB") + ").";
            }
            if (file.contentType() != null && !file.contentType().equalsIgnoreCase(type)
                    && !file.contentType().equalsIgnoreCase("application/octet-stream")) {
                return "The file part is " + file.contentType() + " but type is " + type + ".";
            }
            boolean matches = switch (type) {
                case "image/jpeg" -> startsWith(content, 0xFF, 0xD8, 0xFF);
                case "image/png" -> startsWith(content, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);
                case "application/pdf" -> startsWith(content, '%', 'P', 'D', 'F', '-');
                default -> true;
            };
            return matches ? null : "The file's content is not " + type + ".";
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

        /** One part of a multipart/form-data body. */
        record Part(String name, String filename, String contentType, byte[] content) {
            String text() {
                return new String(content, StandardCharsets.UTF_8);
            }
        }

        /** Reads a multipart/form-data body (RFC 7578) into its parts by name; at most 101 MB. */
        static Map<String, Part> parseMultipart(String contentType, java.io.InputStream in) throws IOException {
            if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
                in.readAllBytes();
                throw new IllegalArgumentException("The parameter messaging_product is required.");
            }
            Matcher boundaryMatch = Pattern.compile("boundary=\"?([^\";]+)\"?").matcher(contentType);
            if (!boundaryMatch.find()) {
                throw new IllegalArgumentException("The multipart body has no boundary.");
            }
            byte[] body = in.readNBytes((int) (101 * MB));
            if (in.read() != -1) {
                in.readAllBytes();
                throw new IllegalArgumentException("The request is larger than the largest media (100 MB).");
            }
            byte[] delimiter = ("--" + boundaryMatch.group(1)).getBytes(StandardCharsets.ISO_8859_1);
            Map<String, Part> parts = new java.util.HashMap<>();
            int at = indexOf(body, delimiter, 0);
            while (at >= 0) {
                int start = at + delimiter.length;
                if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
                    break; // the closing delimiter
                }
                start += 2; // CRLF after the delimiter
                int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), start);
                int next = indexOf(body, ("\r\n--" + boundaryMatch.group(1)).getBytes(StandardCharsets.ISO_8859_1),
                        start);
                if (headersEnd < 0 || next < 0 || headersEnd > next) {
                    throw new IllegalArgumentException("The multipart body is malformed.");
                }
                String headers = new String(body, start, headersEnd - start, StandardCharsets.UTF_8);
                byte[] content = java.util.Arrays.copyOfRange(body, headersEnd + 4, next);
                String name = null;
                String filename = null;
                String partType = null;
                for (String header : headers.split("\r\n")) {
                    String lower = header.toLowerCase(java.util.Locale.ROOT);
                    if (lower.startsWith("content-disposition:")) {
                        name = parameter(header, "name");
                        filename = parameter(header, "filename");
                    } else if (lower.startsWith("content-type:")) {
                        partType = header.substring(header.indexOf(':') + 1).strip();
                    }
                }
                if (name != null) {
                    parts.put(name, new Part(name, filename, partType, content));
                }
                at = next + 2;
            }
            return parts;
        }

        private static String parameter(String header, String name) {
            Matcher m = Pattern.compile("(?:^|;)\\s*" + name + "=\"([^\"]*)\"").matcher(header);
            return m.find() ? m.group(1) : null;
        }

        private static int indexOf(byte[] haystack, byte[] needle, int from) {
            outer:
            for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (haystack[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }
}
