package io.camelorchestration.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a model catalog. Two formats: this project's own ({@code {"models":[{"name":…,"tier":…}]}}) and LiteLLM's
 * {@code model_prices_and_context_window.json} (an object keyed by model name with per-token prices), so its
 * maintained price map can be dropped in as it is.
 */
public final class ModelCatalogLoader {

    public static final String BUILT_IN = "io/camelorchestration/catalog/models.json";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ModelCatalogLoader() {
    }

    public static ModelCatalog builtIn() {
        try (InputStream in = ModelCatalogLoader.class.getClassLoader().getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException("built-in model catalog missing: " + BUILT_IN);
            }
            return load(in, BUILT_IN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @throws IllegalArgumentException naming the source when the JSON is not a catalog
     */
    public static ModelCatalog load(InputStream in, String source) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("model catalog " + source + " is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("model catalog " + source + " must be a JSON object");
        }
        List<ModelInfo> models = root.has("models") && root.get("models").isArray()
                ? readOwn(root.get("models"), source) : readLiteLlm(root);
        if (models.isEmpty()) {
            throw new IllegalArgumentException("model catalog " + source + " lists no models");
        }
        return new ModelCatalog(models);
    }

    private static List<ModelInfo> readOwn(JsonNode array, String source) {
        List<ModelInfo> out = new ArrayList<>();
        for (JsonNode n : array) {
            String name = text(n, "name");
            if (name == null) {
                throw new IllegalArgumentException("model catalog " + source + ": every model needs a name");
            }
            out.add(new ModelInfo(name, text(n, "provider"),
                    n.hasNonNull("tier") ? Tier.of(n.get("tier").asText()) : Tier.MEDIUM,
                    n.path("inputUsdPerMillion").asDouble(0), n.path("outputUsdPerMillion").asDouble(0),
                    n.path("contextWindow").asInt(0), text(n, "encoding"), text(n, "delegate")));
        }
        return out;
    }

    private static List<ModelInfo> readLiteLlm(JsonNode root) {
        List<ModelInfo> out = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = root.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode n = e.getValue();
            // LiteLLM documents its schema in a "sample_spec" entry; embeddings, images and audio are not chat steps
            if ("sample_spec".equals(e.getKey()) || !n.isObject() || !"chat".equals(n.path("mode").asText("chat"))) {
                continue;
            }
            if (!n.has("input_cost_per_token") || !n.has("output_cost_per_token")) {
                continue;
            }
            double in = n.get("input_cost_per_token").asDouble() * 1_000_000d;
            double outPrice = n.get("output_cost_per_token").asDouble() * 1_000_000d;
            int window = n.path("max_input_tokens").asInt(n.path("max_tokens").asInt(0));
            String provider = text(n, "litellm_provider");
            out.add(new ModelInfo(e.getKey(), provider, tierFromPrice(in), in, outPrice, window,
                    encodingFor(e.getKey()), null));
        }
        return out;
    }

    /** LiteLLM has no tiers; the input price is a fair proxy for capability. */
    static Tier tierFromPrice(double inputUsdPerMillion) {
        if (inputUsdPerMillion < 0.5) {
            return Tier.SMALL;
        }
        if (inputUsdPerMillion < 2.0) {
            return Tier.MEDIUM;
        }
        return Tier.LARGE;
    }

    /** OpenAI's newer models use o200k_base; for the rest cl100k_base is the closest public tokenizer. */
    static String encodingFor(String model) {
        String m = model.toLowerCase(java.util.Locale.ROOT);
        if (m.contains("gpt-4o") || m.contains("gpt-4.1") || m.contains("gpt-5") || m.matches(".*\\bo[134](-.*)?$")) {
            return "o200k_base";
        }
        return "cl100k_base";
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
