package io.camelorchestration.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The shipped table of model families and their capability tier ({@code model-tiers.properties}): what routing may
 * choose on its own. A price map says what a model costs; what it can do is known only for the families listed here,
 * never inferred from a price. Immutable.
 */
public final class ModelTiers {

    public static final String BUILT_IN = "io/camelorchestration/catalog/model-tiers.properties";

    /** What may follow a family in a model name: dates and versions only (-2024-07-18, -20240307, -001, @20250219, -v1:0). */
    private static final Pattern VERSION = Pattern.compile("((-|@)(\\d{4}-\\d{2}-\\d{2}|\\d{3,8})|-v\\d+(:\\d+)?)*");
    /** Bedrock-style vendor prefixes inside a name: anthropic.claude-..., us.anthropic.claude-... */
    private static final Pattern VENDOR = Pattern.compile("^([a-z]{2,6}\\.)?(anthropic|amazon|meta|mistral|cohere|ai21|google|openai)\\.");

    private static volatile ModelTiers builtIn;

    /** One line of the table. */
    public record Family(String name, Tier tier, boolean reasoning) {
    }

    /**
     * A catalog name the table knows.
     *
     * @param alias the name without its date or version (with its provider prefix): the name itself unless
     *              {@code snapshot}
     */
    public record Match(Family family, String alias, boolean snapshot) {
    }

    /** Longest first, so that the most specific family is tried first. */
    private final List<Family> families;

    public ModelTiers(Map<String, Family> families) {
        List<Family> f = new ArrayList<>(families.values());
        f.sort(Comparator.comparingInt((Family x) -> -x.name().length()).thenComparing(Family::name));
        this.families = List.copyOf(f);
    }

    /** The table shipped with the component (read once). */
    public static ModelTiers builtIn() {
        ModelTiers t = builtIn;
        if (t == null) {
            try (InputStream in = ModelTiers.class.getClassLoader().getResourceAsStream(BUILT_IN)) {
                if (in == null) {
                    throw new IllegalStateException("model tier table missing: " + BUILT_IN);
                }
                Properties p = new Properties();
                p.load(in);
                t = parse(p, BUILT_IN);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            builtIn = t;
        }
        return t;
    }

    /** Lines {@code family = tier[, reasoning]}; an error names the source and the family. */
    public static ModelTiers parse(Properties p, String source) {
        Map<String, Family> out = new LinkedHashMap<>();
        for (String family : p.stringPropertyNames()) {
            String[] parts = p.getProperty(family).split(",");
            Tier tier;
            try {
                tier = Tier.of(parts[0]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ", family " + family + ": " + e.getMessage(), e);
            }
            boolean reasoning = false;
            for (int i = 1; i < parts.length; i++) {
                if (!parts[i].trim().equals("reasoning")) {
                    throw new IllegalArgumentException(source + ", family " + family + ": unknown flag '" + parts[i].trim()
                            + "'; allowed values: reasoning");
                }
                reasoning = true;
            }
            if (tier == Tier.NONE) {
                throw new IllegalArgumentException(source + ", family " + family + ": tier none; allowed values: small, medium, large");
            }
            String key = family.trim().toLowerCase(Locale.ROOT);
            out.put(key, new Family(key, tier, reasoning));
        }
        return new ModelTiers(out);
    }

    /** The family of a catalog name, when the table has it. */
    public Optional<Match> match(String name) {
        if (name == null) {
            return Optional.empty();
        }
        int prefix = name.lastIndexOf('/') + 1;
        String base = name.substring(prefix).toLowerCase(Locale.ROOT);
        var vendor = VENDOR.matcher(base);
        if (vendor.find()) {
            prefix += vendor.end();
            base = base.substring(vendor.end());
        }
        for (Family f : families) {
            if (base.startsWith(f.name()) && VERSION.matcher(base.substring(f.name().length())).matches()) {
                boolean snapshot = base.length() > f.name().length();
                String alias = name.substring(0, prefix + f.name().length());
                return Optional.of(new Match(f, alias, snapshot));
            }
        }
        return Optional.empty();
    }

    public List<Family> families() {
        return families;
    }
}
