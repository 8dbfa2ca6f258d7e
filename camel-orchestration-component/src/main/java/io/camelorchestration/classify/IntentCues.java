package io.camelorchestration.classify;

import java.util.ArrayList;
import java.util.List;

/**
 * The vocabulary of the built-in classifier: general words and phrases that integration engineers use for each kind of
 * step, as plain words (stemmed when the classifier is built). {@code "a b"} is a phrase, {@code "a .. b"} a split
 * phrase, {@code "^w"} a word that counts only at the start of a text. Strong cues name the intent outright, normal
 * ones are typical of it, weak ones only lean towards it. Domain nouns (invoice, ticket, customer) are deliberately
 * absent: they say what a step is about, not what it does.
 */
final class IntentCues {

    static final double STRONG = 2.0;
    static final double NORMAL = 1.0;
    static final double WEAK = 0.5;
    /** A phrase is better evidence than any of its words. */
    static final double PHRASE = 2.5;

    private IntentCues() {
    }

    static List<Cue> defaults() {
        List<Cue> c = new ArrayList<>();
        Intent i = Intent.EXTRACT;
        add(c, i, STRONG, "extract", "extraction", "extractor", "parse", "parser", "scrape", "capture");
        add(c, i, NORMAL, "pull", "harvest", "identify", "fields", "entity", "entities", "grab", "lift", "mention",
                "structured", "ner", "recognize", "recognition");
        add(c, i, WEAK, "find", "get", "read", "list", "id", "ids", "number", "date", "name", "amount");
        add(c, i, PHRASE, "pull .. out", "pick .. out", "read .. out", "named entity", "key value", "as json");
        add(c, i, WEAK, "out of");

        i = Intent.SUMMARIZE;
        add(c, i, STRONG, "summarize", "summary", "summarization", "condense", "tldr", "recap", "synopsis", "gist",
                "précis", "precis");
        add(c, i, NORMAL, "abstract", "digest", "overview", "shorten", "brief", "briefly", "outline", "highlights", "compact",
                "compress", "bullet", "nutshell");
        add(c, i, WEAK, "short", "shorter", "concise", "sentences", "paragraph");
        add(c, i, PHRASE, "tl dr", "sum .. up", "boil .. down", "key points", "main points", "key takeaways",
                "executive summary", "in short");

        i = Intent.GENERATE;
        add(c, i, STRONG, "generate", "write", "draft", "compose", "brainstorm", "author");
        add(c, i, NORMAL, "create", "reply", "respond", "answer", "suggest", "propose", "explain", "describe",
                "story", "essay", "letter", "poem", "headline", "chatbot", "invent");
        add(c, i, WEAK, "produce", "chat", "conversation", "question", "ideas");
        add(c, i, PHRASE, "blog post");

        i = Intent.VALIDATE;
        add(c, i, STRONG, "validate", "validation", "validator", "verify", "verification", "lint", "compliance",
                "comply", "complies", "compliant", "conform", "conformance", "proofread");
        add(c, i, NORMAL, "check", "ensure", "confirm", "valid", "invalid", "schema", "rules", "rule", "guidelines",
                "consistent", "inconsistent", "audit", "assert", "inspect", "assess", "^review", "verdict", "mandatory",
                "required", "expired", "wellformed");
        add(c, i, WEAK, "policy", "missing", "meets", "against", "correct");
        add(c, i, PHRASE, "make sure", "sanity check", "fact check", "well formed", "is valid", "are valid",
                "valid or invalid");

        i = Intent.SEND;
        add(c, i, STRONG, "send", "deliver", "notify", "notification", "dispatch", "publish", "forward", "transmit",
                "broadcast");
        add(c, i, NORMAL, "post", "emit", "push", "sms", "webhook", "outbound", "outbox", "queue", "kafka", "jms",
                "mq", "recipient", "recipients", "subscribers", "channel", "slack", "pagerduty", "^page", "^text");
        add(c, i, WEAK, "email", "mail", "alert", "topic");
        add(c, i, PHRASE, "hand .. over", "hand .. off", "on call", "put .. on", "email .. to", "mail .. to",
                "text .. to", "microsoft teams", "ms teams");

        i = Intent.TRANSFORM;
        add(c, i, STRONG, "transform", "transformation", "convert", "conversion", "reshape", "reformat", "normalize",
                "normalization", "restructure", "flatten", "rename", "serialize", "deserialize", "marshal",
                "unmarshal", "transcode");
        add(c, i, NORMAL, "map", "mapping", "format", "translate", "translation", "render", "canonical", "equivalent",
                "xml", "csv", "yaml", "edifact", "edi", "hl7", "fhir", "soap", "iso");
        add(c, i, WEAK, "json", "html", "markdown", "units");
        add(c, i, PHRASE, "turn .. into", "change .. to", "change .. into", "map .. to", "map .. onto",
                "camel case", "snake case", "kebab case", "upper case", "lower case");

        i = Intent.CONDITIONAL;
        add(c, i, STRONG, "decide", "decision", "whether", "branch", "triage", "boolean");
        add(c, i, NORMAL, "if", "route", "routing", "choose", "pick", "determine", "classify", "gate", "switch",
                "escalate", "eligible", "qualifies", "qualify", "true", "false", "should", "otherwise", "either",
                "^is", "^are", "^does", "^can", "^has", "^will");
        add(c, i, WEAK, "urgent", "based on");
        add(c, i, PHRASE, "yes or no", "yes no", "true or false", "or not", "if so", "tell me if",
                "tell me whether");

        i = Intent.AGGREGATE;
        add(c, i, STRONG, "aggregate", "aggregation", "aggregator", "combine", "merge", "consolidate", "rollup",
                "unify", "deduplicate", "dedupe");
        add(c, i, NORMAL, "join", "group", "union", "compile", "gather", "collect", "accumulate", "stitch", "fuse",
                "batch", "across", "sum");
        add(c, i, WEAK, "several", "multiple", "sources", "parallel", "partial", "together");
        add(c, i, PHRASE, "roll .. up", "into one", "into a single", "all the", "from all");

        i = Intent.FILTER;
        add(c, i, STRONG, "filter", "discard", "exclude", "prune", "sift", "drop", "skip");
        add(c, i, NORMAL, "remove", "keep", "reject", "ignore", "screen", "select", "spam",
                "irrelevant", "noise", "noisy");
        add(c, i, WEAK, "only", "relevant", "unwanted");
        add(c, i, PHRASE, "keep only", "only keep", "screen .. out", "weed .. out", "filter .. out", "pass through",
                "let through", "off topic", "the rest", "drop the");

        i = Intent.ENRICH;
        add(c, i, STRONG, "enrich", "enrichment", "augment", "annotate", "supplement", "decorate", "geocode",
                "lookup");
        add(c, i, NORMAL, "add", "append", "attach", "tag", "label", "metadata", "infer");
        add(c, i, WEAK, "context", "crm", "history", "score");
        add(c, i, PHRASE, "look .. up", "fill .. in", "add context");
        return c;
    }

    /**
     * Idioms whose words would otherwise be read as cues: "add up" is no enrichment, an "out-of-office" reply no
     * extraction, an "auto-reply" nothing written. They take their words and count for no intent.
     */
    static List<String> idioms() {
        return List.of("add up", "adds up", "out of office", "auto reply", "auto replies", "auto response",
                "e mail");
    }

    /**
     * Verbs that carry little meaning of their own in "give a short recap", "produce an abstract", "write a summary":
     * the noun after them says what the step does, so the noun gets the leading word's weight.
     */
    static List<String> lightVerbs() {
        return List.of("give", "provide", "produce", "make", "return", "create", "write", "generate", "prepare",
                "build", "output", "do");
    }

    private static void add(List<Cue> out, Intent intent, double weight, String... specs) {
        for (String spec : specs) {
            out.add(Cue.parse(intent, spec, weight));
        }
    }
}
