package io.camelorchestration.example.server;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Deterministic answers of the embedded server: the same request always gets the same answer, worked out from the
 * text it was given (no canned documents), so that compression and routing change what a step costs but not
 * whether the workflow can follow the answer.
 */
final class ChatAnswers {

    private static final ObjectMapper MAPPER = ChatServer.MAPPER;
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?][\"')]?)\\s+(?=[\"'(]?[A-Z0-9])");
    private static final Pattern NAME = Pattern.compile(
            "\\b(?:Mr\\.|Mrs\\.|Dr\\.|Gov\\.|Sen\\.|Rep\\.|Judge|Mayor|President)?\\s?([A-Z][a-z]+(?:\\s[A-Z]\\.)?\\s[A-Z][a-z]{2,})\\b");
    private static final Pattern TITLED_NAME = Pattern.compile(
            "\\b((?:Mr\\.|Mrs\\.|Dr\\.|Gov\\.|Sen\\.|Rep\\.|Judge|Mayor|President|Commissioner)\\s(?:[A-Z][a-z]+\\s)?[A-Z][a-z]{2,})\\b");
    private static final Pattern DATE = Pattern.compile(
            "\\b(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)"
            + "(?:\\s\\d{1,2}(?:,\\s\\d{4})?)?|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|(?:1[89]|20)\\d\\d)\\b");
    private static final Pattern AMOUNT = Pattern.compile(
            "\\$\\s?\\d[\\d,]*(?:\\.\\d+)?(?:\\s(?:million|billion|thousand))?|\\b\\d[\\d,]*(?:\\.\\d+)?\\s(?:percent|per cent|dollars|million|billion)\\b");
    private static final Pattern URGENT = Pattern.compile(
            "\\b(urgent(ly)?|immediate(ly)?|emergency|at once|without delay|as soon as possible|deadline|crisis|critical"
            + "|danger(ous)?|threat(en(ed|s)?)?|imminent)\\b", Pattern.CASE_INSENSITIVE);
    private static final Set<String> NOT_NAMES = Set.of("The", "This", "That", "These", "Those", "It", "He", "She", "They",
            "We", "In", "On", "At", "For", "But", "And", "If", "When", "As", "A", "An");

    private ChatAnswers() {
    }

    static String answer(ChatTask task, String instruction, String document) {
        return switch (task) {
            case EXTRACTION -> extraction(document);
            case VALIDATION -> validation(document);
            case CONDITION -> URGENT.matcher(document).find() ? "yes" : "no";
            case SUMMARY -> summary(document);
            case GENERATION -> reply(instruction, document);
        };
    }

    /** The fields a clerk would pull out: a title, the people, the dates and the amounts named. */
    static String extraction(String document) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("title", words(firstSentence(document), 12));
        fields.put("people", distinct(NAME, document, 1, 5));
        fields.put("dates", distinct(DATE, document, 0, 5));
        fields.put("amounts", distinct(AMOUNT, document, 0, 5));
        fields.put("urgent", URGENT.matcher(document).find());
        fields.put("words", document.isBlank() ? 0 : document.trim().split("\\s+").length);
        try {
            return MAPPER.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The leading sentences, about a sixth of the text and at most 80 words: a lead-style summary. */
    static String summary(String document) {
        List<String> sentences = sentences(document);
        int total = document.isBlank() ? 0 : document.trim().split("\\s+").length;
        int target = Math.max(15, Math.min(80, total / 6));
        StringBuilder sb = new StringBuilder();
        int used = 0;
        for (String s : sentences) {
            int n = s.split("\\s+").length;
            if (used > 0 && used + n > target) {
                break;
            }
            sb.append(sb.length() == 0 ? "" : " ").append(s);
            used += n;
        }
        String out = sb.toString();
        return out.isEmpty() ? "Nothing to summarise." : words(out, target);
    }

    /** A short acknowledgement that names the sender and the subject, faster when the instruction says it is urgent. */
    static String reply(String instruction, String document) {
        List<String> people = distinct(TITLED_NAME, document, 1, 1);
        String to = people.isEmpty() ? "Sir or Madam" : people.get(0);
        String subject = words(firstSentence(document), 10).replaceAll("[.!?]+$", "");
        String when = URGENT.matcher(instruction).find() ? "within one working day" : "within ten working days";
        return "Dear " + to + ",\n\nThank you for your message about \"" + subject + "\". We have read it and will reply in full "
               + when + ".\n\nKind regards,\nThe Correspondence Unit";
    }

    /** Checks a drafted reply against simple house rules and gives a verdict with its reasons. */
    static String validation(String candidate) {
        List<String> problems = new ArrayList<>();
        String lower = candidate.toLowerCase(Locale.ROOT);
        if (candidate.isBlank()) {
            problems.add("the reply is empty");
        }
        if (!lower.contains("dear")) {
            problems.add("no greeting");
        }
        if (!lower.contains("regards") && !lower.contains("sincerely")) {
            problems.add("no closing");
        }
        int words = candidate.isBlank() ? 0 : candidate.trim().split("\\s+").length;
        if (words > 250) {
            problems.add("longer than 250 words (" + words + ")");
        }
        return problems.isEmpty() ? "VALID: greeting, closing and length are in order"
                : "INVALID: " + String.join("; ", problems);
    }

    private static List<String> distinct(Pattern p, String text, int group, int max) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = p.matcher(text);
        while (m.find() && out.size() < max) {
            String v = m.group(group).trim();
            if (!NOT_NAMES.contains(v.split("\\s")[0])) {
                out.add(v);
            }
        }
        return new ArrayList<>(out);
    }

    private static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        for (String s : SENTENCE_END.split(text.trim())) {
            String t = s.replaceAll("\\s+", " ").trim();
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    private static String firstSentence(String text) {
        List<String> s = sentences(text);
        return s.isEmpty() ? "" : s.get(0);
    }

    private static String words(String text, int max) {
        String[] w = text.trim().split("\\s+");
        if (w.length <= max) {
            return text.trim();
        }
        return String.join(" ", java.util.Arrays.copyOf(w, max)) + " …";
    }
}
