package io.camelorchestration.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelorchestration.classify.Intent;
import io.camelorchestration.compress.CompressionLevel;
import io.camelorchestration.compress.CompressionPipeline;
import io.camelorchestration.compress.CompressionRequest;
import io.camelorchestration.compress.CompressionResult;
import io.camelorchestration.compress.Compressor;
import io.camelorchestration.compress.internal.JsonMinifier;
import io.camelorchestration.internal.ChatRequestJson;
import io.camelorchestration.internal.Json;

/**
 * A routed and compressed OpenAI-style chat request (a system prompt, the 4k-token document as the user turn), side
 * by side in one JVM, in interleaved rounds: what main did after compressing (parse the compressed request again,
 * set model and cap, write it again) against what this branch does (put model and cap into the places the
 * compressor noted), the compressor's own write both ways, and the json-minify pass main ran over the request the
 * chat strategy had just written minified; the compression itself, for scale. µs per message, medians over the rounds.
 *
 * <pre>mvn -B -q -o -Pbench -pl camel-orchestration-benchmarks -am package -DskipTests -Dbenchmark=ChatRequestBenchmark</pre>
 * Options: {@code chatRequest.rounds} (default 15), {@code chatRequest.messages} (per round, default 400).
 */
public final class ChatRequestBenchmark {

    private static volatile Object sink;

    private ChatRequestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("chatRequest.rounds", 15);
        int messages = Integer.getInteger("chatRequest.messages", 400);
        ObjectNode body = Json.MAPPER.createObjectNode().put("model", "gpt-4o").put("max_tokens", 4000)
                .put("temperature", 0.2);
        ArrayNode turns = body.putArray("messages");
        turns.addObject().put("role", "system").put("content", "Summarize the report.");
        turns.addObject().put("role", "user").put("content", BenchData.document());
        String request = Json.MAPPER.writeValueAsString(body);
        Compressor compressor = CompressionPipeline.defaults();
        CompressionRequest asked = new CompressionRequest(request, CompressionLevel.AGGRESSIVE, Intent.SUMMARIZE,
                null, BenchData.ENCODING, false);
        CompressionResult compressed = compressor.compress(asked);
        if (compressed.chatRequest() == null) {
            throw new IllegalStateException("the pipeline did not hand back the written request");
        }
        String text = compressed.text();
        ObjectNode tree = ChatRequestJson.parse(text); // the compressed request, as the compressor holds it
        String model = "gpt-4o-mini";
        int cap = 1000;
        Supplier<Object> mainRouting = () -> {
            ObjectNode r = ChatRequestJson.parse(text);
            ChatRequestJson.route(r, model, cap);
            return ChatRequestJson.write(r);
        };
        Supplier<Object> branchRouting = () -> compressed.chatRequest().routed(model, cap);
        if (!mainRouting.get().equals(branchRouting.get())) {
            throw new IllegalStateException("the two paths send different requests");
        }
        String[] names = { "compressor's write, main: write()", "compressor's write, branch: written()",
                "routing rewrite, main: parse + set + write", "routing rewrite, branch: routed()",
                "json-minify over it, main (branch skips it)",
                "compressing the request (for scale)" };
        int size = request.length();
        @SuppressWarnings("unchecked")
        Supplier<Object>[] work = new Supplier[] { () -> ChatRequestJson.write(tree),
                () -> ChatRequestJson.written(tree, size), mainRouting, branchRouting,
                () -> new JsonMinifier().apply(text, asked),
                () -> compressor.compress(asked) };
        int[] counts = { messages * 10, messages * 10, messages * 10, messages * 10, messages * 10, messages / 10 };
        double[][] micros = new double[work.length][rounds];
        for (int i = 0; i < work.length; i++) {
            time(work[i], counts[i]); // warm-up
        }
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < work.length; i++) {
                micros[i][r] = time(work[i], counts[i]);
            }
        }
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        System.out.printf(Locale.ROOT, "Chat request: %d chars, compressed to %d; %d rounds; java %s, %d cores;"
                + " load average %.2f before, %.2f after%n", request.length(), text.length(), rounds,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), loadBefore, loadAfter);
        for (int i = 0; i < work.length; i++) {
            double[] m = micros[i].clone();
            Arrays.sort(m);
            System.out.printf(Locale.ROOT, "%-44s %10.1f µs per message (min %.1f, max %.1f)%n", names[i],
                    m[m.length / 2], m[0], m[m.length - 1]);
        }
    }

    private static double time(Supplier<Object> work, int n) {
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            sink = work.get();
        }
        return (System.nanoTime() - t0) / 1e3 / n;
    }
}
