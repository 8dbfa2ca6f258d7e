package io.camelorchestration.route;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.camelorchestration.catalog.ModelCatalog;
import io.camelorchestration.catalog.ModelInfo;
import io.camelorchestration.catalog.ModelTiers;
import io.camelorchestration.catalog.Tier;

/**
 * The models a step may be routed to: prices and candidates are two things. The catalog says what every model costs;
 * which of them a deployment may be routed to is the user's list ({@code routing-models}) or, without one, the models
 * whose tier is known (the catalog's own word or the shipped tier table, never a price), less those routing must never
 * choose: deprecated ones, fine-tuned {@code ft:} entries, special-purpose variants (realtime, audio, search,
 * transcription, speech, image, embedding), dated snapshots whose alias is in the catalog too, and reasoning models
 * (their hidden reasoning is billed as output; candidates only where listed). Built once at start-up; immutable.
 */
public final class RoutingCandidates {

    /** Name parts of variants made for something other than a chat step's text. */
    private static final Pattern SPECIAL = Pattern.compile(
            "(^|[-_./:@])(realtime|audio|search|transcribe|transcription|tts|image|images|embedding|embed|moderation|"
                    + "computer-use|live)($|[-_./:@])");

    /** One entry of {@code routing-models}: a catalog name and, optionally, the tier the user gives it. */
    public record Listed(String name, Tier tier) {
    }

    private final ModelCatalog candidates;
    private final Map<String, String> excluded;
    private final boolean listed;

    private RoutingCandidates(ModelCatalog candidates, Map<String, String> excluded, boolean listed) {
        this.candidates = candidates;
        this.excluded = Collections.unmodifiableMap(excluded);
        this.listed = listed;
    }

    /** Every model of the catalog routing may choose on its own, as of today. */
    public static RoutingCandidates of(ModelCatalog catalog) {
        return of(catalog, List.of(), ModelTiers.builtIn(), Clock.systemUTC());
    }

    /**
     * @param listed the user's {@code routing-models} ({@link #parse}); empty: the models of known tier
     * @param clock  what "today" is, for deprecation dates
     * @throws IllegalArgumentException naming the model when a listed name is not in the catalog, has no tier known
     *                                  and none given, or is a variant routing never chooses
     */
    public static RoutingCandidates of(ModelCatalog catalog, List<Listed> listed, ModelTiers tiers, Clock clock) {
        LocalDate today = LocalDate.now(clock);
        List<ModelInfo> in = new ArrayList<>();
        Map<String, String> out = new LinkedHashMap<>();
        if (!listed.isEmpty()) {
            for (Listed l : listed) {
                ModelInfo m = catalog.find(l.name()).orElseThrow(() -> new IllegalArgumentException("model " + l.name()
                        + " is not in the model catalog" + suggestions(catalog, l.name())));
                Tier tier = l.tier() != null ? l.tier() : m.tier();
                if (tier == null || tier == Tier.NONE) {
                    throw new IllegalArgumentException("model " + l.name() + " has no known tier: give it one, "
                            + l.name() + "=small, " + l.name() + "=medium or " + l.name() + "=large");
                }
                String special = special(m);
                if (special != null) {
                    throw new IllegalArgumentException("model " + l.name() + " is " + special
                            + ", not a model for a chat step's text; allowed values: chat models of the catalog");
                }
                if (deprecated(m, today)) {
                    // a start that worked yesterday must not fail today: the model is left out, and said so
                    out.put(m.name(), "deprecated since " + m.deprecationDate());
                    continue;
                }
                in.add(tier == m.tier() ? m : m.withTier(tier));
            }
            return new RoutingCandidates(new ModelCatalog(in), out, true);
        }
        for (ModelInfo m : catalog.models()) {
            String why = whyNot(m, catalog, tiers, today);
            if (why == null) {
                in.add(m);
            } else {
                out.put(m.name(), why);
            }
        }
        return new RoutingCandidates(new ModelCatalog(in), out, false);
    }

    /**
     * Reads {@code routing-models}: catalog names separated by commas, each optionally {@code name=tier}.
     *
     * @return empty for null or blank
     * @throws IllegalArgumentException naming the entry when a tier is unknown or the list names nothing
     */
    public static List<Listed> parse(String routingModels) {
        if (routingModels == null || routingModels.isBlank()) {
            return List.of();
        }
        List<Listed> out = new ArrayList<>();
        for (String entry : routingModels.split(",")) {
            String e = entry.trim();
            if (e.isEmpty()) {
                continue;
            }
            int eq = e.lastIndexOf('=');
            String name = (eq < 0 ? e : e.substring(0, eq)).trim();
            if (name.isEmpty()) {
                throw new IllegalArgumentException("entry '" + e + "' names no model; allowed values: name or name=tier");
            }
            Tier tier = null;
            if (eq >= 0) {
                try {
                    tier = Tier.of(e.substring(eq + 1));
                } catch (IllegalArgumentException x) {
                    throw new IllegalArgumentException("unknown tier '" + e.substring(eq + 1).trim() + "' for model "
                            + name + "; allowed values: small, medium, large", x);
                }
                if (tier == Tier.NONE) {
                    throw new IllegalArgumentException("unknown tier 'none' for model " + name
                            + "; allowed values: small, medium, large");
                }
            }
            out.add(new Listed(name, tier));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("'" + routingModels + "' names no model; allowed values: catalog names"
                    + " separated by commas, each optionally name=tier (gpt-4o-mini=small,gpt-4o=large)");
        }
        return List.copyOf(out);
    }

    /** Why routing never chooses a model on its own; null when it may. */
    static String whyNot(ModelInfo m, ModelCatalog catalog, ModelTiers tiers, LocalDate today) {
        String special = special(m);
        if (special != null) {
            return special;
        }
        if (m.tier() == null || m.tier() == Tier.NONE) {
            return "no known tier (its family is not in the tier table)";
        }
        if (deprecated(m, today)) {
            return "deprecated since " + m.deprecationDate();
        }
        if (m.reasoning()) {
            return "a reasoning model: a candidate only where routing-models lists it";
        }
        Optional<ModelTiers.Match> family = tiers.match(m.name());
        if (family.isPresent() && family.get().snapshot() && catalog.contains(family.get().alias())) {
            return "a dated snapshot of " + family.get().alias();
        }
        return null;
    }

    private static String special(ModelInfo m) {
        String n = m.name().toLowerCase(Locale.ROOT);
        if (n.startsWith("ft:") || n.contains("/ft:")) {
            return "a fine-tuned model";
        }
        var special = SPECIAL.matcher(n);
        return special.find() ? "a special-purpose variant (" + special.group(2) + ")" : null;
    }

    private static boolean deprecated(ModelInfo m, LocalDate today) {
        return m.deprecationDate() != null && !today.isBefore(m.deprecationDate());
    }

    /** The catalog names closest to a misspelt one (the catalog may hold thousands: the list would not help). */
    private static String suggestions(ModelCatalog catalog, String name) {
        String n = name.toLowerCase(Locale.ROOT);
        List<String> near = catalog.names().stream()
                .sorted(java.util.Comparator.comparingInt((String c) -> distance(n, c.toLowerCase(Locale.ROOT)))
                        .thenComparing(c -> c))
                .limit(5).collect(Collectors.toList());
        return near.isEmpty() ? "" : "; closest catalog names: " + String.join(", ", near);
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /**
     * The candidate of at least the given tier that costs least for this request (reasoning output included), whose
     * context window holds the input and the output, among those the caller can reach.
     */
    public Optional<ModelInfo> cheapest(Tier atLeast, long inputTokens, long outputTokens,
            Predicate<ModelInfo> reachable) {
        return candidates.cheapest(atLeast, inputTokens, outputTokens, reachable);
    }

    /** The candidates, with the tier routing gives them. */
    public Collection<ModelInfo> models() {
        return candidates.models();
    }

    public boolean contains(String name) {
        return candidates.contains(name);
    }

    /** The catalog models that are not candidates, each with why (the listed ones only, with routing-models). */
    public Map<String, String> excluded() {
        return excluded;
    }

    /** Whether the user listed the candidates (routing-models). */
    public boolean listed() {
        return listed;
    }
}
