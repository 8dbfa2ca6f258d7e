package io.camelorchestration.example.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingResult;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An OpenAI-compatible chat server on loopback, for offline runs and tests: {@code POST /v1/chat/completions} and
 * {@code GET /v1/models}, over real HTTP. Answers are deterministic and follow the task the prompt asks for (JSON
 * for extraction, a shortened text for summaries, yes/no for conditions, a verdict for validation, a short reply
 * otherwise). {@code usage} is counted with the tokenizer the server was given for the requested model, the way
 * OpenAI counts chat prompts (3 tokens per message and 3 to prime the reply), and {@code max_tokens} truncates the
 * answer as a real model would. Latency and an error rate can be set to exercise timeouts and retries.
 */
public final class ChatServer implements AutoCloseable {

    /**
     * The server's one mapper, also {@link ChatAnswers}'s. The server stands alone (the component's tests use it, so it
     * cannot depend on the component and its {@code Json}): one mapper of its own, never reconfigured.
     */
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int TOKENS_PER_MESSAGE = 3;
    private static final int REPLY_PRIMING_TOKENS = 3;

    private static final EncodingRegistry ENCODINGS = Encodings.newLazyEncodingRegistry();

    private final Map<String, Model> models = new LinkedHashMap<>();
    private Duration latency = Duration.ZERO;
    private double errorRate;
    private Random random = new Random(42);
    private HttpServer server;
    private ExecutorService executor;
    private final AtomicLong ids = new AtomicLong();
    private final LongAdder requests = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final Map<String, long[]> usageByModel = new ConcurrentHashMap<>();
    private final Deque<Completion> recent = new ArrayDeque<>();

    /** One answered completion: what was asked for and what it used. */
    public record Completion(String model, int maxTokens, String task, long promptTokens, long completionTokens,
            String finishReason) {
    }

    /**
     * A model the server answers for: its name, its provider, and the name of the jtokkit encoding its usage is
     * counted in (e.g. {@code o200k_base}; null: {@code cl100k_base}, as the component counts). The component's model
     * catalog has them all; this module does not depend on the component, so that the component's own tests can use
     * the server.
     */
    public record Model(String name, String provider, String encoding) {

        public Model {
            encoding = encoding == null ? "cl100k_base" : encoding;
        }
    }

    /** A server that answers for these models and reports "model not found" for any other. */
    public ChatServer(Collection<Model> models) {
        models.forEach(m -> this.models.put(m.name(), m));
    }

    /** Time each completion takes before it is answered. */
    public ChatServer latency(Duration latency) {
        this.latency = latency;
        return this;
    }

    /** Share of completions (0..1) answered with HTTP 503, drawn from a seeded sequence: the same run fails the same calls. */
    public ChatServer errorRate(double errorRate, long seed) {
        if (errorRate < 0 || errorRate > 1) {
            throw new IllegalArgumentException("errorRate must be between 0 and 1: " + errorRate);
        }
        this.errorRate = errorRate;
        this.random = new Random(seed);
        return this;
    }

    /** Starts on loopback and a free port. */
    public ChatServer start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "chat-server");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/v1/chat/completions", this::completions);
        server.createContext("/v1/models", this::models);
        server.start();
        return this;
    }

    /** The base URL OpenAI clients take, e.g. {@code http://127.0.0.1:41234/v1}. */
    public String baseUrl() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort() + "/v1";
    }

    public long requests() {
        return requests.sum();
    }

    public long errors() {
        return errors.sum();
    }

    /** Tokens answered per model: {prompt tokens, completion tokens, completions}. */
    public Map<String, long[]> usageByModel() {
        Map<String, long[]> copy = new TreeMap<>();
        usageByModel.forEach((k, v) -> {
            synchronized (v) {
                copy.put(k, v.clone());
            }
        });
        return copy;
    }

    /** The last answered completions (at most 1,000), oldest first. */
    public List<Completion> completions() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    // ---- handlers

    private void models(HttpExchange http) throws IOException {
        if (!"GET".equals(http.getRequestMethod())) {
            error(http, 405, "invalid_request_error", "Use GET for /v1/models");
            return;
        }
        ObjectNode list = MAPPER.createObjectNode().put("object", "list");
        ArrayNode data = list.putArray("data");
        for (Model m : models.values()) {
            data.addObject().put("id", m.name()).put("object", "model").put("created", 0).put("owned_by", m.provider());
        }
        send(http, 200, list);
    }

    private void completions(HttpExchange http) throws IOException {
        try {
            requests.increment();
            if (!"POST".equals(http.getRequestMethod())) {
                error(http, 405, "invalid_request_error", "Use POST for /v1/chat/completions");
                return;
            }
            JsonNode request;
            try (InputStream in = http.getRequestBody()) {
                request = MAPPER.readTree(in);
            } catch (IOException e) {
                error(http, 400, "invalid_request_error", "The request body is not valid JSON");
                return;
            }
            if (request == null || !request.path("messages").isArray() || request.path("messages").isEmpty()) {
                error(http, 400, "invalid_request_error", "'messages' must be a non-empty array");
                return;
            }
            if (request.path("stream").asBoolean(false)) {
                error(http, 400, "invalid_request_error", "This server does not stream");
                return;
            }
            String modelName = request.path("model").asText("");
            Model model = models.get(modelName);
            if (model == null) {
                error(http, 404, "invalid_request_error", "The model `" + modelName + "` does not exist", "model_not_found");
                return;
            }
            pause();
            if (failsThisTime()) {
                errors.increment();
                error(http, 503, "server_error", "The server is overloaded, please retry");
                return;
            }
            send(http, 200, complete(request, model));
        } catch (RuntimeException e) {
            errors.increment();
            error(http, 500, "server_error", e.getClass().getSimpleName());
        } finally {
            http.close();
        }
    }

    private ObjectNode complete(JsonNode request, Model model) {
        Encoding enc = ENCODINGS.getEncoding(model.encoding()).orElseThrow(
                () -> new IllegalArgumentException("unknown encoding '" + model.encoding() + "' of " + model.name()));
        StringBuilder instruction = new StringBuilder();
        long promptTokens = REPLY_PRIMING_TOKENS;
        List<String> userTexts = new ArrayList<>();
        for (JsonNode m : request.get("messages")) {
            String text = text(m.path("content"));
            promptTokens += TOKENS_PER_MESSAGE + enc.countTokensOrdinary(text) + enc.countTokensOrdinary(m.path("role").asText());
            if ("system".equals(m.path("role").asText()) || "developer".equals(m.path("role").asText())) {
                instruction.append(text).append('\n');
            } else if ("user".equals(m.path("role").asText())) {
                userTexts.add(text);
            }
        }
        String user = userTexts.isEmpty() ? "" : userTexts.get(userTexts.size() - 1);
        String document = user;
        if (instruction.length() == 0) {
            // one user message: the instruction is its first paragraph, the material the rest
            int split = user.indexOf("\n\n");
            instruction.append(split < 0 ? user : user.substring(0, split));
            document = split < 0 ? user : user.substring(split + 2);
        }
        ChatTask task = ChatTask.of(instruction.toString());
        String answer = ChatAnswers.answer(task, instruction.toString(), document);
        String finish = "stop";
        int cap = request.path("max_completion_tokens").asInt(request.path("max_tokens").asInt(0));
        if (cap > 0) {
            EncodingResult r = enc.encodeOrdinary(answer, cap);
            if (r.isTruncated()) {
                answer = enc.decode(r.getTokens());
                finish = "length";
            }
        }
        long completionTokens = enc.countTokensOrdinary(answer);
        long[] totals = usageByModel.computeIfAbsent(model.name(), k -> new long[3]);
        synchronized (totals) {
            totals[0] += promptTokens;
            totals[1] += completionTokens;
            totals[2]++;
        }
        synchronized (recent) {
            if (recent.size() == 1_000) {
                recent.removeFirst();
            }
            recent.addLast(new Completion(model.name(), cap, task.name().toLowerCase(java.util.Locale.ROOT), promptTokens,
                    completionTokens, finish));
        }

        ObjectNode response = MAPPER.createObjectNode()
                .put("id", "chatcmpl-" + ids.incrementAndGet())
                .put("object", "chat.completion")
                .put("created", System.currentTimeMillis() / 1000)
                .put("model", model.name());
        ObjectNode choice = response.putArray("choices").addObject().put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", answer);
        choice.put("finish_reason", finish);
        response.putObject("usage").put("prompt_tokens", promptTokens).put("completion_tokens", completionTokens)
                .put("total_tokens", promptTokens + completionTokens);
        return response;
    }

    /** Message content is a string, or a list of parts of which the text parts count. */
    private static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder sb = new StringBuilder();
        for (JsonNode part : content) {
            if ("text".equals(part.path("type").asText())) {
                sb.append(part.path("text").asText());
            }
        }
        return sb.toString();
    }

    private void pause() {
        if (!latency.isZero()) {
            try {
                TimeUnit.NANOSECONDS.sleep(latency.toNanos());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean failsThisTime() {
        if (errorRate <= 0) {
            return false;
        }
        synchronized (random) {
            return random.nextDouble() < errorRate;
        }
    }

    private static void error(HttpExchange http, int status, String type, String message) throws IOException {
        error(http, status, type, message, null);
    }

    private static void error(HttpExchange http, int status, String type, String message, String code) throws IOException {
        ObjectNode body = MAPPER.createObjectNode();
        ObjectNode e = body.putObject("error").put("message", message).put("type", type);
        if (code != null) {
            e.put("code", code);
        } else {
            e.putNull("code");
        }
        send(http, status, body);
    }

    private static void send(HttpExchange http, int status, JsonNode body) throws IOException {
        byte[] bytes = MAPPER.writeValueAsBytes(body);
        http.getResponseHeaders().set("Content-Type", "application/json");
        http.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = http.getResponseBody()) {
            out.write(bytes);
        }
    }
}
