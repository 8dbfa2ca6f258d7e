package io.camelorchestration.example.server;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a chat request asks for, read from its instruction the way a reader would: extraction, validation, a yes/no
 * condition, a summary, or, by default, generation.
 */
enum ChatTask {
    EXTRACTION, VALIDATION, CONDITION, SUMMARY, GENERATION;

    private static final Pattern EXTRACT = Pattern.compile("\\bextract|\\bjson\\b");
    private static final Pattern VALIDATE = Pattern.compile("\\bvalidat|\\bverdict\\b");
    private static final Pattern YES_NO = Pattern.compile("yes or no|yes/no|true or false|\\banswer (yes|no)\\b");
    private static final Pattern SUMMARIZE = Pattern.compile("\\bsummar|\\bcondense|\\btl;?dr\\b");

    static ChatTask of(String instruction) {
        String s = instruction.toLowerCase(Locale.ROOT);
        if (EXTRACT.matcher(s).find()) {
            return EXTRACTION;
        }
        if (VALIDATE.matcher(s).find()) {
            return VALIDATION;
        }
        if (YES_NO.matcher(s).find()) {
            return CONDITION;
        }
        if (SUMMARIZE.matcher(s).find()) {
            return SUMMARY;
        }
        return GENERATION;
    }
}
