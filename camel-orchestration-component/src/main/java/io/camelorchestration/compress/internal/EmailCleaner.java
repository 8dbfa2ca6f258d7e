package io.camelorchestration.compress.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.camelorchestration.compress.CompressionLevel;
import io.camelorchestration.compress.CompressionRequest;
import io.camelorchestration.compress.CompressionStrategy;

/**
 * Removes the parts of an e-mail that repeat or decorate it: quoted replies ("&gt; ..." lines and the "On ... wrote:"
 * line before them), reply history under "-----Original Message-----", the header block of a forwarded message
 * (its body stays), signatures (after "-- " or a sign-off such as "Best regards,"), "Sent from my ..." lines and
 * legal disclaimers. When spans are protected, a part holding one (a date, an address, a phone number) stays.
 */
public final class EmailCleaner implements CompressionStrategy {

    /** Cheap first look: only line starts are tried, and most lines fail on their first character. */
    private static final Pattern PROBE = Pattern.compile("(?i)[ \\t]*(?:>|on\\b.{4,200}\\bwrote:\\s*$|-{2,}\\s*(?:original"
            + "|forwarded)|_{10,}\\s*$|begin forwarded|-- ?$|sent from my|(?:best|kind|warm|warmest) (?:regards|wishes)"
            + "|(?:regards|cheers|sincerely|thanks|thank you|best|many thanks)[,!.]?\\s*$|disclaimer|confidential"
            + "|this (?:e-?mail|message)|the information (?:contained|in this)|if you (?:have )?received)");
    private static final Pattern QUOTED = Pattern.compile("^\\s*>.*");
    private static final Pattern ATTRIBUTION = Pattern.compile("(?i)^\\s*On\\b.{4,200}\\bwrote:\\s*$");
    private static final Pattern ORIGINAL = Pattern.compile("(?i)^\\s*(?:-{2,}\\s*Original Message\\s*-{2,}|_{10,})\\s*$");
    private static final Pattern FORWARDED = Pattern.compile(
            "(?i)^\\s*(?:-{2,}\\s*Forwarded message\\s*-{2,}|Begin forwarded message:?|-{2,}\\s*Forwarded by.*)\\s*$");
    private static final Pattern HEADER = Pattern.compile("(?i)^\\s*(?:From|Date|Sent|To|Cc|Bcc|Reply-To):.*");
    private static final Pattern SUBJECT = Pattern.compile("(?i)^\\s*Subject:.*");
    private static final Pattern SIGNATURE_DELIMITER = Pattern.compile("^-- ?$");
    private static final Pattern SIGN_OFF = Pattern.compile("(?i)^\\s*(?:(?:best|kind|warm|warmest)(?: regards| wishes)?"
            + "|regards|many thanks|thanks(?: again)?|thank you|cheers|sincerely|yours(?: truly| sincerely)?"
            + "|all the best|best wishes|talk soon)[,!.]?\\s*$");
    private static final Pattern SENT_FROM = Pattern.compile("(?i)^\\s*Sent from my [\\w\\s-]{2,40}$");
    private static final Pattern DISCLAIMER = Pattern.compile("(?is)^\\s*disclaimer\\b|(?:confidential|privileged).{0,300}"
            + "(?:intended (?:solely |only )*for|recipient)|received this (?:e-?mail|message|communication) in error"
            + "|this (?:e-?mail|message) and any (?:files|attachments)");

    /** A signature after a sign-off is at most this many lines, each shorter than {@link #SIGNATURE_LINE}. */
    private static final int SIGNATURE_LINES = 7;
    private static final int SIGNATURE_LINE = 80;

    @Override
    public String name() {
        return "email-cleanup";
    }

    @Override
    public boolean appliesTo(CompressionRequest request) {
        return request.level() != CompressionLevel.OFF && !Shapes.looksLikeJson(request.text())
                && anyLineStartsLikeEmail(request.text());
    }

    /** The probe anchored at each line start in turn: much cheaper than a multi-line find over every position. */
    private static boolean anyLineStartsLikeEmail(String text) {
        Matcher m = PROBE.matcher(text);
        int start = 0;
        int n = text.length();
        while (start < n) {
            int end = text.indexOf('\n', start);
            end = end < 0 ? n : end;
            m.region(start, end);
            if (m.lookingAt()) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }

    @Override
    public String apply(String text, CompressionRequest request) {
        String[] lines = text.split("\n", -1);
        boolean[] drop = new boolean[lines.length];
        boolean protect = request.protectSpans();
        int i = 0;
        while (i < lines.length) {
            String line = lines[i];
            if (ORIGINAL.matcher(line).matches() && nextHeader(lines, i + 1)) {
                mark(lines, drop, i, lines.length, protect);
                break;
            }
            if (FORWARDED.matcher(line).matches()) {
                // the marker and its header lines go; the subject and the forwarded body stay
                mark(lines, drop, i, i + 1, protect);
                int end = i + 1;
                while (end < lines.length && (HEADER.matcher(lines[end]).matches()
                        || SUBJECT.matcher(lines[end]).matches() || lines[end].isBlank() && end == i + 1)) {
                    if (HEADER.matcher(lines[end]).matches()) {
                        mark(lines, drop, end, end + 1, protect);
                    }
                    end++;
                }
                i = end;
                continue;
            }
            if (ATTRIBUTION.matcher(line).matches() || QUOTED.matcher(line).matches()) {
                int end = i + (QUOTED.matcher(line).matches() ? 0 : 1);
                while (end < lines.length && (QUOTED.matcher(lines[end]).matches() || lines[end].isBlank()
                        && end + 1 < lines.length && QUOTED.matcher(lines[end + 1]).matches())) {
                    end++;
                }
                if (end > i + 1 || QUOTED.matcher(line).matches()) {
                    mark(lines, drop, i, end, protect);
                    i = end;
                    continue;
                }
            }
            if (SIGNATURE_DELIMITER.matcher(line).matches()) {
                int end = i + 1;
                while (end < lines.length && !FORWARDED.matcher(lines[end]).matches()
                        && !ORIGINAL.matcher(lines[end]).matches() && !QUOTED.matcher(lines[end]).matches()
                        && !ATTRIBUTION.matcher(lines[end]).matches()) {
                    end++;
                }
                mark(lines, drop, i, end, protect);
                i = end;
                continue;
            }
            if (SIGN_OFF.matcher(line).matches()) {
                int end = signatureEnd(lines, i + 1);
                if (end > 0) {
                    mark(lines, drop, i, end, protect);
                    i = end;
                    continue;
                }
            }
            if (SENT_FROM.matcher(line).matches()) {
                mark(lines, drop, i, i + 1, protect);
            }
            i++;
        }
        disclaimers(lines, drop, protect);
        StringBuilder out = new StringBuilder(text.length());
        boolean any = false;
        for (int k = 0; k < lines.length; k++) {
            if (drop[k]) {
                any = true;
                continue;
            }
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(lines[k]);
        }
        String cleaned = out.toString().strip();
        // an e-mail that is all disclaimer or all quote is better sent whole than as nothing
        return any && !cleaned.isEmpty() ? cleaned : text;
    }

    /** Where a signature after a sign-off ends: a few short lines, then the end, a blank line or history. */
    private static int signatureEnd(String[] lines, int from) {
        int k = from;
        int count = 0;
        while (k < lines.length && !lines[k].isBlank() && count < SIGNATURE_LINES
                && lines[k].length() < SIGNATURE_LINE && !isHistory(lines[k]) && signatureLike(lines[k])) {
            k++;
            count++;
        }
        if (k < lines.length && !lines[k].isBlank() && !isHistory(lines[k])) {
            return -1; // more text follows: "Thanks!" was not a sign-off
        }
        if (count > 0 && !nameLike(lines[from])) {
            return -1;
        }
        int rest = k;
        while (rest < lines.length && lines[rest].isBlank()) {
            rest++;
        }
        boolean atEnd = rest == lines.length || isHistory(lines[rest]) || SENT_FROM.matcher(lines[rest]).matches()
                || DISCLAIMER.matcher(lines[rest]).find() || SIGNATURE_DELIMITER.matcher(lines[rest]).matches();
        return atEnd ? k : -1;
    }

    /** A name, title, company, phone or address line: short, not a question or a sentence that goes on. */
    private static boolean signatureLike(String line) {
        String t = line.strip();
        char last = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
        return last != '?' && last != ':' && t.split("\\s+").length <= 8;
    }

    /** The line after a sign-off names the sender: a few words, the first capitalised. */
    private static boolean nameLike(String line) {
        String t = line.strip();
        return !t.isEmpty() && Character.isUpperCase(t.charAt(0)) && t.split("\\s+").length <= 4
                && !t.endsWith(".") && !t.endsWith("!");
    }

    private static boolean isHistory(String line) {
        return ORIGINAL.matcher(line).matches() || FORWARDED.matcher(line).matches()
                || QUOTED.matcher(line).matches() || ATTRIBUTION.matcher(line).matches();
    }

    private static boolean nextHeader(String[] lines, int from) {
        for (int k = from; k < lines.length && k < from + 3; k++) {
            if (HEADER.matcher(lines[k]).matches()) {
                return true;
            }
        }
        return false;
    }

    /** Paragraphs (blank-line separated) that read as a legal disclaimer. */
    private static void disclaimers(String[] lines, boolean[] drop, boolean protect) {
        int start = 0;
        for (int k = 0; k <= lines.length; k++) {
            if (k == lines.length || lines[k].isBlank()) {
                if (k > start) {
                    String paragraph = String.join("\n", java.util.Arrays.copyOfRange(lines, start, k));
                    if (DISCLAIMER.matcher(paragraph).find()) {
                        mark(lines, drop, start, k, protect);
                    }
                }
                start = k + 1;
            }
        }
    }

    private static void mark(String[] lines, boolean[] drop, int from, int to, boolean protect) {
        if (protect) {
            String part = String.join("\n", java.util.Arrays.copyOfRange(lines, from, to));
            if (ProtectedSpans.detector().containsAny(part)) {
                return;
            }
        }
        for (int k = from; k < to; k++) {
            drop[k] = true;
        }
    }
}
