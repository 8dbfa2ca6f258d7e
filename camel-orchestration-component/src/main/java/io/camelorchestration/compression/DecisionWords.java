package io.camelorchestration.compression;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A light synonym expansion for the questions of decision steps ({@code conditional}, {@code filter}): "is this
 * urgent?" is decided by a sentence that says "a crisis", "immediately" or "threatened", none of which shares a word
 * with the question. Each group is one concept that inbox and ticket decisions ask about; a question naming any word
 * of a group asks about all of them. Inflected forms are listed, since selection folds plurals only.
 */
final class DecisionWords {

    private static final List<String> GROUPS = List.of(
            // urgency
            "urgent urgently urgency immediate immediately emergency crisis crises critical critically danger dangerous"
                    + " endanger endangered threat threaten threatened threatens threatening imminent deadline asap"
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

    /** Word to the words of its groups, space-separated. */
    private static final Map<String, String> EXPANSIONS;

    static {
        Map<String, StringBuilder> m = new HashMap<>();
        for (String group : GROUPS) {
            for (String w : group.split(" ")) {
                m.computeIfAbsent(w, k -> new StringBuilder()).append(' ').append(group);
            }
        }
        Map<String, String> out = new HashMap<>();
        m.forEach((k, v) -> out.put(k, v.toString()));
        EXPANSIONS = Map.copyOf(out);
    }

    private DecisionWords() {
    }

    /** The question with the words of every group it names appended; the question itself when it names none. */
    static String expand(String question) {
        if (question == null || question.isEmpty()) {
            return question;
        }
        StringBuilder extra = null;
        for (String w : question.toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) {
            String e = EXPANSIONS.get(w);
            if (e != null) {
                extra = extra == null ? new StringBuilder(question) : extra;
                extra.append(e);
            }
        }
        return extra == null ? question : extra.toString();
    }
}
