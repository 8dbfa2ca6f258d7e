package io.camelorchestration.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelorchestration.component.OrchestrateComponent;
import io.camelorchestration.component.OrchestrateConstants;
import io.camelorchestration.internal.Json;
import io.camelorchestration.text.TokenCounter;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * What compression does to a bill once the provider's prompt cache is counted: cache-heavy workloads (a long fixed
 * part, a short varying part) sent through one orchestrated step in three ways: compression off, compression on as it
 * was (tokens counted), and compression on with the cache-aware rule (dollars counted, the default). Prices are
 * LiteLLM's map (camel-orchestration-component/src/test/resources/catalog/litellm), input, cache-read and output.
 *
 * <p>The provider is played by a route that caches as OpenAI documents it: the longest opening a prompt shares with
 * one sent before is read from the cache when it is at least 1,024 tokens, in steps of 128 tokens; it reports the
 * usage (cached tokens included) in the generic usage headers. The bill is summed from those reports at the map's
 * prices, the same in the three modes; "as it was" runs with the cache price hidden from the component (so its
 * planner counts tokens) and is billed at the real prices all the same.
 *
 * <pre>mvn -B -q -Pbench -pl camel-orchestration-benchmarks -am package -DskipTests -Dbenchmark=PrefixCacheBenchmark</pre>
 * Option: {@code prefixCache.messages} (default 200 per workload).
 */
public final class PrefixCacheBenchmark {

    static final String ENCODING = "o200k_base";
    static final int OUTPUT_TOKENS = 60;
    static final List<String> MODELS = List.of("gpt-4o", "gpt-4.1", "claude-sonnet-4-20250514");

    record Prices(double in, double cached, double out) {
    }

    record Bill(long input, long cached, long saved, int skipped, double usd) {
    }

    public static void main(String[] args) throws Exception {
        int messages = Integer.getInteger("prefixCache.messages", 200);
        Path map = litellmMap();
        JsonNode litellm = Json.MAPPER.readTree(map.toFile());
        Path priced = catalog(litellm, true);
        Path plain = catalog(litellm, false);

        List<String> docs = brown();
        String manual = docs.get(0) + "\n\n" + docs.get(1);
        String policy = "You are the claims assistant of Northwind Insurance. You help the claims agents, never the"
                + " customers themselves, and you write for an agent who has a minute for each letter. The agents"
                + " work in three offices, follow the same handbook and expect the same kind of note for every"
                + " letter: what the customer wants, the claim it is about, and what the handbook says about it. The"
                + " handbook follows, then the customer's letter.\n\n" + docs.get(2) + "\n\n";
        List<String> questions = questions(manual, messages);
        List<String> letters = letters(docs.get(3), messages);

        System.out.printf(Locale.ROOT, "Prefix cache: %d messages per workload; prices from %s%n", messages, map);
        System.out.printf(Locale.ROOT, "java %s, %d cores%n%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "%-26s %-26s %-12s %10s %10s %8s %8s %12s %8s%n", "workload", "model", "mode",
                "input tok", "cached", "skipped", "saved", "USD/1000", "vs off");
        for (String model : MODELS) {
            Prices p = prices(litellm, model);
            // 1. one fixed manual (~5k tokens), a new question each message (the instruction header)
            run("manual + question", model, p, priced, plain, messages, i -> manual, questions::get, "summarize");
            // 2. a long fixed prompt written into the body ("You are ...", a handbook), a short letter after it
            run("fixed prompt + letter", model, p, priced, plain, messages, i -> policy + letters.get(i), i -> null,
                    "summarize");
            // 3. the same as a chat request: the prompt as the system message, the letter as the user message
            run("chat: system + letter", model, p, priced, plain, messages,
                    i -> chat(model, policy, letters.get(i)), i -> null, "summarize");
        }
    }

    interface Texts {
        String get(int i);
    }

    static void run(String workload, String model, Prices p, Path priced, Path plain, int messages, Texts body,
            Texts instruction, String intent) throws Exception {
        Bill off = bill(model, p, plain, false, messages, body, instruction, intent);
        Bill asItWas = bill(model, p, plain, true, messages, body, instruction, intent);
        Bill aware = bill(model, p, priced, true, messages, body, instruction, intent);
        print(workload, model, "off", off, off, messages);
        print("", "", "tokens", asItWas, off, messages);
        print("", "", "cache-aware", aware, off, messages);
    }

    static void print(String workload, String model, String mode, Bill b, Bill off, int messages) {
        System.out.printf(Locale.ROOT, "%-26s %-26s %-12s %10d %10d %8d %8d %12.4f %7.1f%%%n", workload, model, mode,
                b.input(), b.cached(), b.skipped(), b.saved(), b.usd() * 1000 / messages,
                100.0 * (b.usd() - off.usd()) / off.usd());
    }

    static Bill bill(String model, Prices p, Path catalog, boolean compress, int messages, Texts body,
            Texts instruction, String intent) throws Exception {
        SimulatedProvider provider = new SimulatedProvider();
        CamelContext ctx = new DefaultCamelContext();
        OrchestrateComponent orchestrate = new OrchestrateComponent();
        orchestrate.setEnabled(true);
        orchestrate.setCompressionEnabled(compress);
        orchestrate.setModels("file:" + catalog.toAbsolutePath());
        orchestrate.setDefaultModel(model);
        ctx.addComponent("orchestrate", orchestrate);
        ctx.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:step").to("orchestrate:step?intent=" + intent + "&delegate=direct:llm");
                from("direct:llm").process(provider::answer);
            }
        });
        ctx.start();
        try {
            ProducerTemplate template = ctx.createProducerTemplate();
            long saved = 0;
            int skipped = 0;
            for (int i = 0; i < messages; i++) {
                String text = body.get(i);
                String asked = instruction.get(i);
                Exchange out = template.request("direct:step", e -> {
                    e.getMessage().setBody(text);
                    if (asked != null) {
                        e.getMessage().setHeader(OrchestrateConstants.INSTRUCTION, asked);
                    }
                });
                if (out.getException() != null) {
                    throw out.getException();
                }
                saved += out.getMessage().getHeader(OrchestrateConstants.TOKENS_SAVED, 0L, Long.class);
                if (out.getMessage().getHeader(OrchestrateConstants.COMPRESSION_SKIPPED) != null) {
                    skipped++;
                }
            }
            double usd = (provider.input - provider.cached) * p.in() + provider.cached * p.cached()
                    + (double) provider.output * p.out();
            return new Bill(provider.input, provider.cached, saved, skipped, usd);
        } finally {
            ctx.stop();
        }
    }

    /** A provider that caches prompt openings as OpenAI does: from 1,024 tokens, in steps of 128. */
    static final class SimulatedProvider {
        private final Deque<String> recent = new ArrayDeque<>();
        long input;
        long cached;
        long output;

        void answer(Exchange e) {
            String prompt = e.getMessage().getBody(String.class);
            int shared = 0;
            for (String before : recent) {
                int n = Math.min(before.length(), prompt.length());
                int k = 0;
                while (k < n && before.charAt(k) == prompt.charAt(k)) {
                    k++;
                }
                shared = Math.max(shared, k);
            }
            recent.addFirst(prompt);
            if (recent.size() > 64) {
                recent.removeLast();
            }
            int tokens = TokenCounter.shared().count(prompt, ENCODING);
            int sharedTokens = shared == 0 ? 0 : TokenCounter.shared().count(prompt.substring(0, shared), ENCODING);
            int hit = sharedTokens < 1024 ? 0 : 1024 + (sharedTokens - 1024) / 128 * 128;
            hit = Math.min(hit, tokens);
            input += tokens;
            cached += hit;
            output += OUTPUT_TOKENS;
            e.getMessage().setHeader(OrchestrateConstants.USAGE_INPUT_TOKENS, tokens);
            e.getMessage().setHeader(OrchestrateConstants.USAGE_CACHED_INPUT_TOKENS, hit);
            e.getMessage().setHeader(OrchestrateConstants.USAGE_OUTPUT_TOKENS, OUTPUT_TOKENS);
            e.getMessage().setBody("The customer asks for the refund of the second charge.");
        }
    }

    static String chat(String model, String system, String user) {
        ObjectMapper m = Json.MAPPER;
        ObjectNode body = m.createObjectNode().put("model", model);
        ArrayNode msgs = body.putArray("messages");
        msgs.addObject().put("role", "system").put("content", system.strip());
        msgs.addObject().put("role", "user").put("content", user);
        try {
            return m.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Questions about the manual's names and figures: each one asks about another part of it. */
    static List<String> questions(String manual, int count) {
        Matcher m = Pattern.compile("\\b[A-Z][a-z]{3,}\\b").matcher(manual);
        List<String> names = new ArrayList<>();
        while (m.find()) {
            if (!names.contains(m.group())) {
                names.add(m.group());
            }
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add("What does the report say about " + names.get(i % names.size()) + "?");
        }
        return out;
    }

    /** Short letters: six consecutive sentences of a document, from a new place each time. */
    static List<String> letters(String doc, int count) {
        String[] sentences = doc.split("(?<=[.!?])\\s+");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StringBuilder sb = new StringBuilder("The customer's letter:\n");
            for (int k = 0; k < 6; k++) {
                sb.append(sentences[(i * 3 + k) % sentences.length]).append(' ');
            }
            out.add(sb.toString().strip());
        }
        return out;
    }

    static List<String> brown() throws IOException {
        ObjectMapper m = Json.MAPPER;
        Path sample = find("camel-orchestration-component/src/test/resources/brown-sample/brown-sample.jsonl");
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(sample, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                out.add(m.readTree(line).path("text").asText());
            }
        }
        return out;
    }

    static Path litellmMap() throws IOException {
        return find("camel-orchestration-component/src/test/resources/catalog/litellm/model_prices_and_context_window.json");
    }

    /** A file of the repository, from the root or from a module directory. */
    static Path find(String relative) throws IOException {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path p = dir.resolve(relative);
            if (Files.isReadable(p)) {
                return p;
            }
        }
        throw new IOException("not found from " + Path.of("").toAbsolutePath() + ": " + relative);
    }

    static Prices prices(JsonNode litellm, String model) {
        JsonNode n = litellm.get(model);
        double in = n.get("input_cost_per_token").asDouble();
        return new Prices(in, n.path("cache_read_input_token_cost").asDouble(in), n.get("output_cost_per_token").asDouble());
    }

    /** The three models in the project's own format, with or without the cache-read price. */
    static Path catalog(JsonNode litellm, boolean withCachePrice) throws IOException {
        ObjectMapper m = Json.MAPPER;
        ObjectNode root = m.createObjectNode();
        ArrayNode models = root.putArray("models");
        for (String name : MODELS) {
            Prices p = prices(litellm, name);
            ObjectNode o = models.addObject().put("name", name)
                    .put("provider", name.startsWith("claude") ? "anthropic" : "openai").put("tier", "large")
                    .put("inputUsdPerMillion", p.in() * 1e6).put("outputUsdPerMillion", p.out() * 1e6)
                    .put("contextWindow", 200_000).put("encoding", ENCODING);
            if (withCachePrice) {
                o.put("cachedInputUsdPerMillion", p.cached() * 1e6);
            }
        }
        Path f = Files.createTempFile("prefix-cache-catalog", ".json");
        f.toFile().deleteOnExit();
        m.writeValue(f.toFile(), root);
        return f;
    }
}
