package io.camelorchestration.compress.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.camelorchestration.compress.Relatedness;

/**
 * A light synonym expansion for the questions of decision steps ({@code conditional}, {@code filter}): "is this
 * urgent?" is decided by a sentence that says "a crisis", "immediately" or "threatened", none of which shares a word
 * with the question. Each group is one concept that inbox and ticket decisions ask about; a question naming any word
 * of a group asks about all of them, and a unit bears on it by each distinct word of theirs it holds. Inflected forms
 * are listed; a plural "s" is folded. Questions that name no group are left to the question's own words.
 */
public final class DecisionWords implements Relatedness {

    public static final DecisionWords INSTANCE = new DecisionWords();

    private static final List<String> GROUPS = List.of(
            // urgency
            "urgent urgently urgency immediate immediately emergency crisis crises critical critically danger dangerous"
                    + " endanger endangered threat threaten threatened threatening imminent deadline asap"
                    + " promptly overdue escalate escalated escalation hurry",
            // dissatisfaction
            "complaint complain complained complaining angry anger upset unhappy dissatisfied disappointed"
                    + " disappointing frustrated frustrating furious unacceptable outraged annoyed",
            // legal exposure
            "legal lawsuit lawyer attorney court sue sued suing litigation",
            // money back, ending a contract
            "refund refunded reimburse reimbursed reimbursement cancel cancelled canceled cancellation terminate"
                    + " terminated termination",
            // fraud and security
            "fraud fraudulent suspicious phishing scam breach compromised unauthorized unauthorised stolen hacked",
            // unsolicited mail
            "spam unsubscribe promotion promotional advertisement lottery prize winner",
            // money owed
            "payment unpaid invoice overdue outstanding owe owed debt arrears",
            // importance
            "important importance significant serious seriously severe severity major grave");

    /** Word to the words of all its groups. */
    private static final Map<String, Set<String>> RELATED;

    static {
        Map<String, Set<String>> m = new HashMap<>();
        for (String group : GROUPS) {
            List<String> words = Arrays.asList(group.split(" "));
            for (String w : words) {
                m.computeIfAbsent(w, k -> new HashSet<>()).addAll(words);
            }
        }
        Map<String, Set<String>> out = new HashMap<>();
        m.forEach((k, v) -> out.put(k, Set.copyOf(v)));
        RELATED = Map.copyOf(out);
    }

    private DecisionWords() {
    }

    /** The words of every group the question names; empty when it names none. */
    static Set<String> related(String question) {
        if (question == null || question.isEmpty()) {
            return Set.of();
        }
        Set<String> out = new HashSet<>();
        for (String w : words(question)) {
            Set<String> r = lookUp(RELATED, w);
            if (r != null) {
                out.addAll(r);
            }
        }
        return out;
    }

    @Override
    public double[] scores(String question, List<String> units) {
        Set<String> asked = related(question);
        if (asked.isEmpty()) {
            return null;
        }
        Map<String, Set<String>> index = new HashMap<>();
        for (String w : asked) {
            index.put(w, Set.of(w));
        }
        double[] s = new double[units.size()];
        Set<String> hit = new HashSet<>();
        for (int i = 0; i < s.length; i++) {
            hit.clear();
            for (String w : words(units.get(i))) {
                Set<String> found = lookUp(index, w);
                if (found != null) {
                    hit.addAll(found);
                }
            }
            // one word bears a little, several a lot: 1/2, 2/3, 3/4, ...
            s[i] = hit.isEmpty() ? 0 : hit.size() / (hit.size() + 1.0);
        }
        return s;
    }

    private static Set<String> lookUp(Map<String, Set<String>> map, String w) {
        Set<String> r = map.get(w);
        if (r == null && w.length() > 3 && w.endsWith("s")) {
            r = map.get(w.substring(0, w.length() - 1));
        }
        return r;
    }

    private static List<String> words(String text) {
        return Arrays.asList(text.toLowerCase(Locale.ROOT).split("[^\\p{L}]+"));
    }
}
