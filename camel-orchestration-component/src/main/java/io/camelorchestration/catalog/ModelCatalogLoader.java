package io.camelorchestration.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.knuddels.jtokkit.api.EncodingType;
import io.camelorchestration.internal.Json;

/**
 * Reads a model catalog. Two formats: this project's own ({@code {"models":[{"name":…,"tier":…}]}}) and LiteLLM's
 * {@code model_prices_and_context_window.json} (an object keyed by model name with per-token prices), so its
 * maintained price map can be dropped in as it is. Every error names the source, and the model where there is one.
 */
public final class ModelCatalogLoader {

    public static final String BUILT_IN = "io/camelorchestration/catalog/models.json";

    private static volatile ModelCatalog builtIn;

    private ModelCatalogLoader() {
    }

    /** The catalog shipped with the component (read once; it is immutable). */
    public static ModelCatalog builtIn() {
        ModelCatalog c = builtIn;
        if (c == null) {
            try (InputStream in = ModelCatalogLoader.class.getClassLoader().getResourceAsStream(BUILT_IN)) {
                if (in == null) {
                    throw new IllegalStateException("built-in model catalog missing: " + BUILT_IN);
                }
                c = load(in, BUILT_IN, null, ModelTiers.builtIn());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            builtIn = c;
        }
        return c;
    }

    /**
     * @throws IllegalArgumentException naming the source when the JSON is not a catalog
     */
    public static ModelCatalog load(InputStream in, String source) throws IOException {
        return load(in, source, builtIn(), ModelTiers.builtIn());
    }

    private static ModelCatalog load(InputStream in, String source, ModelCatalog known, ModelTiers tiers)
            throws IOException {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("model catalog " + source + " is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("model catalog " + source + " must be a JSON object");
        }
        List<ModelInfo> models = root.has("models")
                ? readOwn(root.get("models"), source, tiers) : readLiteLlm(root, source, known, tiers);
        if (models.isEmpty()) {
            throw new IllegalArgumentException("model catalog " + source + " lists no chat models with prices");
        }
        return new ModelCatalog(models);
    }

    private static List<ModelInfo> readOwn(JsonNode array, String source, ModelTiers tiers) {
        if (!array.isArray()) {
            throw new IllegalArgumentException("model catalog " + source + ": \"models\" must be an array");
        }
        List<ModelInfo> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int index = 0;
        for (JsonNode n : array) {
            String name = text(n, "name");
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("model catalog " + source + ": model #" + index + " has no name");
            }
            String where = "model catalog " + source + ", model " + name + ": ";
            if (!names.add(name)) {
                throw new IllegalArgumentException(where + "listed twice");
            }
            Optional<ModelTiers.Match> family = tiers.match(name);
            Tier tier;
            try {
                // the catalog's own word, else the shipped table; never guessed from the price
                tier = n.hasNonNull("tier") ? Tier.of(n.get("tier").asText())
                        : family.map(f -> f.family().tier()).orElse(null);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + e.getMessage(), e);
            }
            boolean reasoning = n.hasNonNull("reasoning") ? flag(n, "reasoning", where) : reasoning(name, family, false);
            out.add(model(where, name, text(n, "provider"), tier, price(n, "inputUsdPerMillion", where),
                    price(n, "outputUsdPerMillion", where), n.path("contextWindow").asInt(0), text(n, "encoding"),
                    text(n, "delegate"), optionalPrice(n, "cachedInputUsdPerMillion", where, 1),
                    optionalPrice(n, "cacheWriteUsdPerMillion", where, 1), reasoning,
                    date(n, "deprecationDate", where)));
            index++;
        }
        return out;
    }

    private static List<ModelInfo> readLiteLlm(JsonNode root, String source, ModelCatalog known, ModelTiers tiers) {
        List<ModelInfo> out = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = root.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode n = e.getValue();
            // LiteLLM documents its schema in a "sample_spec" entry; embeddings, images and audio are not chat steps
            if ("sample_spec".equals(e.getKey()) || !n.isObject() || !"chat".equals(n.path("mode").asText("chat"))) {
                continue;
            }
            String name = e.getKey();
            String where = "model catalog " + source + ", model " + name + ": ";
            JsonNode in = n.get("input_cost_per_token");
            JsonNode outPrice = n.get("output_cost_per_token");
            for (String field : new String[] {"input_cost_per_token", "output_cost_per_token"}) {
                JsonNode v = n.get(field);
                if (v != null && !v.isNull() && !v.isNumber()) {
                    throw new IllegalArgumentException(where + field + " must be a number: " + v);
                }
                if (v != null && v.isNumber() && v.asDouble() < 0) {
                    throw new IllegalArgumentException(where + field + " must not be negative: " + v);
                }
            }
            // LiteLLM lists chat models priced per second, per character or by commitment without per-token prices:
            // they cannot be priced per token, so they are left out of the catalog
            if (in == null || outPrice == null || in.isNull() || outPrice.isNull()) {
                continue;
            }
            // a free or unpriced entry (a local model) would be every step's cheapest choice: leave it out
            if (in.asDouble() == 0 || outPrice.asDouble() == 0) {
                continue;
            }
            double inPerMillion = perMillion(in);
            double outPerMillion = perMillion(outPrice);
            double cachedPerMillion = optionalPrice(n, "cache_read_input_token_cost", where, 1_000_000);
            double cacheWritePerMillion = optionalPrice(n, "cache_creation_input_token_cost", where, 1_000_000);
            int window = n.path("max_input_tokens").asInt(n.path("max_tokens").asInt(0));
            Optional<ModelInfo> same = known == null ? Optional.empty() : known.find(baseName(name));
            // LiteLLM has no tiers: the shipped table's, or none (then the model is priced, never routed to unless
            // routing-models lists it); a tier is never guessed from a price
            Optional<ModelTiers.Match> family = tiers.match(name);
            Tier tier = family.map(f -> f.family().tier()).orElse(null);
            boolean reasoning = reasoning(name, family, n.path("supports_reasoning").asBoolean(false));
            String encoding = same.map(ModelInfo::encoding).orElseGet(() -> encodingFor(name));
            out.add(model(where, name, text(n, "litellm_provider"), tier, inPerMillion, outPerMillion, window, encoding,
                    null, cachedPerMillion, cacheWritePerMillion, reasoning, date(n, "deprecation_date", where)));
        }
        return out;
    }

    private static ModelInfo model(String where, String name, String provider, Tier tier, double in, double out,
            int window, String encoding, String delegate, double cachedIn, double cacheWrite, boolean reasoning,
            LocalDate deprecated) {
        // checked by name: building an encoding to see whether it exists costs a second at start-up
        if (encoding != null && EncodingType.fromName(encoding).isEmpty()) {
            throw new IllegalArgumentException(where + "unknown tokenizer encoding '" + encoding + "'; allowed values: "
                    + Arrays.stream(EncodingType.values()).map(EncodingType::getName).collect(Collectors.joining(", ")));
        }
        try {
            return new ModelInfo(name, provider, tier, in, out, window, encoding, delegate, cachedIn, cacheWrite,
                    reasoning, deprecated);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + e.getMessage(), e);
        }
    }

    private static double price(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException(where + "missing " + field + " (USD per 1M tokens)");
        }
        if (!v.isNumber()) {
            throw new IllegalArgumentException(where + field + " must be a number: " + v);
        }
        return v.asDouble();
    }

    /**
     * A price that may be absent (then -1: the model's fresh input price applies), in USD per million tokens.
     *
     * @param scale what turns the field's unit into USD per million (1, or 1,000,000 for LiteLLM's per-token prices)
     */
    private static double optionalPrice(JsonNode n, String field, String where, int scale) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return -1;
        }
        if (!v.isNumber()) {
            throw new IllegalArgumentException(where + field + " must be a number: " + v);
        }
        if (v.asDouble() < 0) {
            throw new IllegalArgumentException(where + field + " must not be negative: " + v);
        }
        return scale == 1 ? v.asDouble() : new BigDecimal(v.asText()).movePointRight(6).doubleValue();
    }

    /** LiteLLM's 2.5e-06 USD a token is 2.5 USD a million exactly, not 2.4999999999999996. */
    private static double perMillion(JsonNode perToken) {
        return new BigDecimal(perToken.asText()).movePointRight(6).doubleValue();
    }

    /** "openai/gpt-4o" and "gemini/gemini-2.5-pro" are the built-in catalog's "gpt-4o" and "gemini-2.5-pro". */
    private static String baseName(String name) {
        int slash = name.lastIndexOf('/');
        return slash >= 0 ? name.substring(slash + 1) : name;
    }

    /**
     * Whether a model spends hidden reasoning tokens: the shipped table says so for the families it knows (Claude
     * "supports" reasoning in LiteLLM's map, but thinks only when a request asks it to); otherwise the catalog's flag,
     * or a "thinking" variant's name.
     */
    private static boolean reasoning(String name, Optional<ModelTiers.Match> family, boolean catalogFlag) {
        if (family.isPresent()) {
            return family.get().family().reasoning();
        }
        return catalogFlag || name.toLowerCase(Locale.ROOT).contains("thinking");
    }

    private static boolean flag(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (!v.isBoolean()) {
            throw new IllegalArgumentException(where + field + " must be true or false: " + v);
        }
        return v.asBoolean();
    }

    /** An ISO date (2026-06-01), or null when absent. */
    private static LocalDate date(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        try {
            return LocalDate.parse(v.asText().trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(where + field + " must be a date such as 2026-06-01: " + v, e);
        }
    }

    /** OpenAI's newer models use o200k_base; for the rest cl100k_base is the closest public tokenizer. */
    static String encodingFor(String model) {
        String m = baseName(model).toLowerCase(Locale.ROOT);
        if (m.contains("gpt-4o") || m.contains("gpt-4.1") || m.contains("gpt-5") || m.matches("o[134](-.*)?")) {
            return "o200k_base";
        }
        return "cl100k_base";
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
