package io.camelorchestration.intent;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The cue words of the built-in classifier. Stems match word prefixes; "a b" is a two-word phrase.
 */
final class IntentCues {

    private IntentCues() {
    }

    static Map<Intent, List<KeywordIntentClassifier.Cue>> defaults() {
        Map<Intent, List<KeywordIntentClassifier.Cue>> m = new EnumMap<>(Intent.class);
        m.put(Intent.EXTRACT, cues(1.0, "extract", "pull", "parse", "field", "entit", "capture", "scrape", "harvest",
                "ner", "lift", "mine", "locate", "identif", "detect", "recogni", "retriev", "read out",
                "pick out", "grab", "obtain", "line item", "invoice number", "key value"));
        m.put(Intent.SUMMARIZE, cues(1.0, "summar", "summaris", "condens", "tldr", "digest", "recap", "brief",
                "abstract", "synops", "shorten", "overview", "gist", "highlight", "boil", "key point", "outline",
                "executive summ", "sum up", "précis", "precis", "compress"));
        m.put(Intent.GENERATE, cues(1.0, "generat", "write", "draft", "compos", "creat", "reply", "respond", "answer",
                "author", "produce", "suggest", "propos", "brainstorm", "story", "email body", "copy", "essay",
                "respon", "rewrite", "paraphras", "translat", "chat", "assist", "explain", "describ"));
        m.put(Intent.VALIDATE, cues(1.0, "validat", "verif", "check", "complian", "conform", "audit", "lint",
                "sanity", "valid", "correct", "consisten", "schema", "rule", "policy", "assert", "proofread",
                "fact check", "ensure", "confirm", "inspect"));
        m.put(Intent.SEND, cues(1.0, "send", "deliver", "notif", "dispatch", "publish", "post", "emit", "forward",
                "transmit", "push", "email to", "mail", "sms", "slack", "webhook", "outbox", "alert", "page"));
        m.put(Intent.TRANSFORM, cues(1.0, "transform", "convert", "map", "reshap", "format", "normaliz",
                "normalis", "serializ", "serialis", "marshal", "xml", "csv", "json to", "to json", "restructur",
                "translat", "flatten", "rename", "reformat", "transcod", "render"));
        m.put(Intent.CONDITIONAL, cues(1.0, "condition", "decid", "decision", "whether", "if", "branch", "rout",
                "urgent", "triag", "escalat", "priorit", "yes", "boolean", "true", "gate", "switch", "choose",
                "is it", "should", "needs"));
        m.put(Intent.AGGREGATE, cues(1.0, "aggregat", "combin", "merg", "consolidat", "collect", "join", "batch",
                "roll up", "rollup", "group", "union", "compil", "gather", "accumulat", "unif", "dedup", "several",
                "multiple", "all the"));
        m.put(Intent.FILTER, cues(1.0, "filter", "drop", "discard", "exclud", "remov", "keep only", "keep",
                "spam", "screen", "weed", "select", "prune", "relevan", "irrelevan", "skip", "reject", "sift",
                "which of"));
        m.put(Intent.ENRICH, cues(1.0, "enrich", "augment", "append", "add context", "lookup", "look up", "annotat",
                "tag", "label", "attach", "supplement", "decorat", "geocod", "add", "complet", "fill in",
                "context", "metadata", "crm"));
        return m;
    }

    private static List<KeywordIntentClassifier.Cue> cues(double weight, String... stems) {
        List<KeywordIntentClassifier.Cue> out = new ArrayList<>();
        for (String s : stems) {
            int sp = s.indexOf(' ');
            if (sp > 0) {
                // phrases are stronger evidence than single stems
                out.add(new KeywordIntentClassifier.Cue(s.substring(0, sp), s.substring(sp + 1), weight * 1.5));
            } else {
                out.add(new KeywordIntentClassifier.Cue(s, null, weight));
            }
        }
        return out;
    }
}
