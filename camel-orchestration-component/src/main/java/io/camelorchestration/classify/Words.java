package io.camelorchestration.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.camelorchestration.text.Stemmer;

/**
 * The words of one text about a step (an id, a description, an instruction), ready for cue matching: identifiers split
 * (camelCase, kebab-case, snake_case), lower-cased, stemmed, and each word marked with its clause and whether a
 * negation ("don't", "not", "without", "instead of") governs it, so "do not summarize, extract the id" is not read
 * as a summary step, and
 * words of a subordinate clause ("drop spam before the ticket is created") are marked as such.
 */
final class Words {

    /** A word: as written (lower case), its stem, its clause number, and whether it is negated. */
    record Word(String text, String stem, int clause, boolean negated, boolean subordinate) {
    }

    // camelCase and acronyms: summarizeTicket -> summarize Ticket, XMLToJson -> XML To Json
    private static final Pattern HUMP = Pattern.compile("(?<=[\\p{Ll}\\p{Nd}])(?=\\p{Lu})|(?<=\\p{Lu})(?=\\p{Lu}\\p{Ll})");
    // e-mail, re-format, fact-check keep their meaning when joined or split; only e-mail must be joined
    private static final Pattern E_MAIL = Pattern.compile("\\be[-\u2010]mail", Pattern.CASE_INSENSITIVE);
    // a clause ends at sentence punctuation; a comma ends the reach of a negation too
    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{Nd}]+|[.,;:!?()\\[\\]\\n]");

    private static final Set<String> NEGATIONS = Set.of("not", "no", "never", "without", "nor", "dont", "don",
            "doesn", "didn", "isn", "aren", "shouldn", "mustn", "won", "cannot", "instead", "rather");
    /**
     * Words that open a clause about circumstances or about the object ("before the ticket is created", "that do not
     * mention"): what follows them is not what the step does.
     */
    private static final Set<String> SUBORDINATORS = Set.of("so", "before", "after", "when", "once", "because",
            "until", "while", "since", "unless", "that", "which", "who", "where");
    /** How many words after a negation it reaches. */
    private static final int NEGATION_REACH = 3;

    private final List<Word> words;

    private Words(List<Word> words) {
        this.words = words;
    }

    static Words of(String text) {
        if (text == null || text.isBlank()) {
            return new Words(List.of());
        }
        String s = E_MAIL.matcher(text).replaceAll("email");
        s = HUMP.matcher(s).replaceAll(" ").toLowerCase(Locale.ROOT);
        List<Word> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(s);
        int clause = 0;
        int negationLeft = 0;
        boolean subordinate = false;
        while (m.find()) {
            String t = m.group();
            char c = t.charAt(0);
            if (!Character.isLetterOrDigit(c)) {
                clause++;
                negationLeft = 0;
                subordinate = false;
                continue;
            }
            if (NEGATIONS.contains(t)) {
                // "don't" arrives as "don" + "t"; the "t" is swallowed below
                negationLeft = NEGATION_REACH;
                out.add(new Word(t, t, clause, false, subordinate));
                continue;
            }
            if ("t".equals(t) && negationLeft > 0) {
                continue;
            }
            boolean negated = negationLeft > 0;
            if (negationLeft > 0) {
                negationLeft--;
            }
            out.add(new Word(t, Stemmer.stem(t), clause, negated, subordinate));
            if (SUBORDINATORS.contains(t)) {
                subordinate = true;
            }
        }
        return new Words(out);
    }

    List<Word> list() {
        return words;
    }

    int size() {
        return words.size();
    }

    Word get(int i) {
        return words.get(i);
    }

    boolean isEmpty() {
        return words.isEmpty();
    }
}
