package io.camelorchestration.component.testing;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;

import io.camelorchestration.component.OrchestrateConstants;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeTimedOutException;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;

/**
 * The LLM behind an orchestrated step, played by a route: {@code from("direct:llm")} (or another URI) answers with
 * a text, reports the usage a model would, and keeps a record of what it was sent.
 *
 * <pre>{@code
 * FakeLlm llm = new FakeLlm().answers("Revenue grew 14 percent.").usage(100, 20);
 * ...
 * assertThat(llm.received()).singleElement().extracting(FakeLlm.Call::model).isNotEqualTo("gpt-4o");
 * }</pre>
 *
 * Everything can be changed while the route runs (a test switches the answer or the failure between two exchanges).
 * Without {@link #usage} the fake reports nothing and the component counts with its tokenizer. The record keeps the
 * last {@value #KEPT} calls, so a long run does not grow the heap ({@link #keeps} changes it); {@link #calls()} counts
 * them all.
 */
public class FakeLlm extends RouteBuilder {

    /** How many received calls the record keeps unless told. */
    public static final int KEPT = 10_000;

    /** Where the reported usage goes: the shape of the client the fake stands for. */
    public enum UsageShape {
        /** {@code CamelOrchestrationUsageInputTokens}/{@code ...OutputTokens}, what any route of the user's can set. */
        ORCHESTRATE_HEADERS,
        /** camel-langchain4j-chat's token count headers. */
        LANGCHAIN4J_HEADERS,
        /** camel-openai's usage headers. */
        OPENAI_HEADERS,
        /** An OpenAI chat completion JSON body, the answer as its message content and the usage in {@code usage}. */
        OPENAI_JSON
    }

    /** What a model reports it used for one call (ints, as the clients' headers are). */
    public record Usage(int input, int output) {

        public long total() {
            return input + output;
        }
    }

    /**
     * One call as the fake received it: the n-th call (from 1), the body as it came, its text (null for a stream,
     * which is left unread), the model and output cap headers the component set, the thread, and the headers.
     */
    public record Call(int n, Object body, String text, String model, Integer maxOutputTokens, String thread,
            Map<String, Object> headers) {
    }

    private final String uri;
    private volatile String routeId;
    private volatile Function<Call, Object> answer = call -> "ok";
    private volatile Function<Call, Usage> usage = call -> null;
    private volatile UsageShape shape = UsageShape.ORCHESTRATE_HEADERS;
    private volatile Map<String, Function<Call, Object>> replyHeaders = Map.of();
    private volatile List<String> removedHeaders = List.of();
    private volatile Duration latency = Duration.ZERO;
    private volatile CountDownLatch hold;
    private volatile Predicate<Call> failsWhen = call -> false;
    private volatile Function<Call, ? extends Exception> failure = call -> new IllegalStateException("model down");
    private volatile Predicate<Call> timesOutWhen = call -> false;
    private volatile Duration timeout = Duration.ZERO;
    private volatile Processor onCall;
    private volatile int kept = KEPT;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicLong reportedTokens = new AtomicLong();
    private final Deque<Call> received = new ArrayDeque<>();

    /** The usual delegate of the tests, {@code direct:llm}. */
    public FakeLlm() {
        this("direct:llm");
    }

    public FakeLlm(String uri) {
        this.uri = uri;
    }

    public String uri() {
        return uri;
    }

    /** A route id for the fake's route (by default Camel's). */
    public FakeLlm routeId(String routeId) {
        this.routeId = routeId;
        return this;
    }

    /** Answers every call with this text. */
    public FakeLlm answers(Object text) {
        this.answer = call -> text;
        return this;
    }

    /** Answers by what was asked: e.g. JSON for the original model, prose for a cheaper one. */
    public FakeLlm answers(Function<Call, Object> answer) {
        this.answer = answer;
        return this;
    }

    /** Reports this usage for every call. */
    public FakeLlm usage(int input, int output) {
        Usage u = new Usage(input, output);
        this.usage = call -> u;
        return this;
    }

    /** Reports a usage of its own per call (random, or by call number); null reports none. */
    public FakeLlm usage(Function<Call, Usage> usage) {
        this.usage = usage;
        return this;
    }

    /** Where the usage is reported; {@link UsageShape#ORCHESTRATE_HEADERS} unless told. */
    public FakeLlm usageAs(UsageShape shape) {
        this.shape = shape;
        return this;
    }

    /** Sets a header on the reply, e.g. a request id of the provider's. */
    public FakeLlm replyHeader(String name, Function<Call, Object> value) {
        Map<String, Function<Call, Object>> copy = new java.util.LinkedHashMap<>(replyHeaders);
        copy.put(name, value);
        this.replyHeaders = Map.copyOf(copy);
        return this;
    }

    /** Removes a header from the reply, as a client that does not pass a request's headers through. */
    public FakeLlm removesHeader(String name) {
        List<String> copy = new java.util.ArrayList<>(removedHeaders);
        copy.add(name);
        this.removedHeaders = List.copyOf(copy);
        return this;
    }

    /** Takes this long to answer each call. */
    public FakeLlm latency(Duration latency) {
        this.latency = latency;
        return this;
    }

    /** Holds every call until the latch opens (at most 10 seconds); null lets calls through again. */
    public FakeLlm holdUntil(CountDownLatch latch) {
        this.hold = latch;
        return this;
    }

    /** Throws this exception on every call. */
    public FakeLlm fails(Function<Call, ? extends Exception> failure) {
        return failsWhen(call -> true, failure);
    }

    /** Throws on the calls that match, e.g. every call on a routed model. */
    public FakeLlm failsWhen(Predicate<Call> when, Function<Call, ? extends Exception> failure) {
        this.failure = failure;
        this.failsWhen = when;
        return this;
    }

    /** On the calls that match, waits this long and fails as a call that got no answer in time. */
    public FakeLlm timesOutWhen(Predicate<Call> when, Duration after) {
        this.timeout = after;
        this.timesOutWhen = when;
        return this;
    }

    /** Answers every call again. */
    public FakeLlm recovers() {
        this.failsWhen = call -> false;
        this.timesOutWhen = call -> false;
        return this;
    }

    /** Runs first on every call with the exchange as it came: for what a record cannot keep, e.g. reading a stream. */
    public FakeLlm onCall(Processor processor) {
        this.onCall = processor;
        return this;
    }

    /** Keeps only the last n calls in the record (0: none, for a soak where only the count matters). */
    public FakeLlm keeps(int n) {
        this.kept = n;
        return this;
    }

    /** How many calls came, all of them. */
    public int calls() {
        return calls.get();
    }

    /** The tokens reported over all calls: the figure the books must end up with. */
    public long reportedTokens() {
        return reportedTokens.get();
    }

    /** The calls received, oldest first (the last {@value #KEPT} unless {@link #keeps} said otherwise). */
    public List<Call> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** Forgets the calls received so far. */
    public void reset() {
        synchronized (received) {
            received.clear();
        }
        calls.set(0);
        reportedTokens.set(0);
    }

    @Override
    public void configure() {
        var route = from(uri);
        if (routeId != null) {
            route.routeId(routeId);
        }
        route.process(this::answer);
    }

    private void answer(Exchange exchange) throws Exception {
        Processor first = onCall;
        if (first != null) {
            first.process(exchange);
        }
        Message in = exchange.getMessage();
        int n = calls.incrementAndGet();
        Call call = new Call(n, in.getBody(), text(in), in.getHeader(OrchestrateConstants.MODEL, String.class),
                in.getHeader(OrchestrateConstants.MAX_OUTPUT_TOKENS, Integer.class), Thread.currentThread().getName(),
                Map.copyOf(withoutNulls(in.getHeaders())));
        synchronized (received) {
            while (!received.isEmpty() && received.size() >= kept) {
                received.removeFirst();
            }
            if (kept > 0) {
                received.addLast(call);
            }
        }
        pause();
        if (failsWhen.test(call)) {
            throw failure.apply(call);
        }
        if (timesOutWhen.test(call)) {
            Duration after = timeout;
            TimeUnit.NANOSECONDS.sleep(after.toNanos());
            throw new ExchangeTimedOutException(exchange, after.toMillis());
        }
        Object body = answer.apply(call);
        Usage used = usage.apply(call);
        if (used != null) {
            reportedTokens.addAndGet(used.total());
            body = report(in, used, body);
        }
        for (Map.Entry<String, Function<Call, Object>> h : replyHeaders.entrySet()) {
            in.setHeader(h.getKey(), h.getValue().apply(call));
        }
        removedHeaders.forEach(in::removeHeader);
        in.setBody(body);
    }

    private Object report(Message message, Usage used, Object body) {
        switch (shape) {
            case ORCHESTRATE_HEADERS -> {
                message.setHeader(OrchestrateConstants.USAGE_INPUT_TOKENS, used.input());
                message.setHeader(OrchestrateConstants.USAGE_OUTPUT_TOKENS, used.output());
            }
            case LANGCHAIN4J_HEADERS -> {
                message.setHeader(OrchestrateConstants.LANGCHAIN4J_INPUT_TOKENS, used.input());
                message.setHeader(OrchestrateConstants.LANGCHAIN4J_OUTPUT_TOKENS, used.output());
            }
            case OPENAI_HEADERS -> {
                message.setHeader(OrchestrateConstants.OPENAI_PROMPT_TOKENS, used.input());
                message.setHeader(OrchestrateConstants.OPENAI_COMPLETION_TOKENS, used.output());
            }
            case OPENAI_JSON -> {
                return openAiCompletion(String.valueOf(body), used);
            }
        }
        return body;
    }

    /** An OpenAI chat completion as its API answers it. */
    public static String openAiCompletion(String content, Usage usage) {
        String quoted = content.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
        return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + quoted + "\"}}],"
                + "\"usage\":{\"prompt_tokens\":" + usage.input() + ",\"completion_tokens\":" + usage.output()
                + ",\"total_tokens\":" + usage.total() + "}}";
    }

    private void pause() throws InterruptedException {
        CountDownLatch latch = hold;
        if (latch != null) {
            latch.await(10, TimeUnit.SECONDS);
        }
        if (!latency.isZero()) {
            TimeUnit.NANOSECONDS.sleep(latency.toNanos());
        }
    }

    private static String text(Message message) {
        Object body = message.getBody();
        if (body == null || body instanceof InputStream) {
            return null;
        }
        if (body instanceof String s) {
            return s;
        }
        try {
            return message.getBody(String.class);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> headers) {
        Map<String, Object> copy = new java.util.HashMap<>();
        headers.forEach((k, v) -> {
            if (v != null) {
                copy.put(k, v);
            }
        });
        return copy;
    }
}
