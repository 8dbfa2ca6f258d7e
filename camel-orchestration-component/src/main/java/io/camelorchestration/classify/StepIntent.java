package io.camelorchestration.classify;

/**
 * One step's classification, decided where it belongs. The step's id, description and delegate do not change between
 * messages: they are classified once, when the step is set up. A message's instruction is classified once per distinct
 * text ({@link ClassificationMemo}). The built-in classifiers read the body only for its shape (a JSON array or not),
 * so both shapes are decided up front; a classifier of your own that reads more of the body
 * ({@link IntentClassifier#readsBodyShapeOnly()} false) is asked for every message, as before.
 */
public final class StepIntent {

    /** The sample a shape-only classifier is given for a JSON-array body. */
    static final String ARRAY_SAMPLE = "[";

    private final IntentClassifier classifier;
    private final StepDescription step;
    private final ClassificationMemo memo;
    private final long memoStep;
    private final Classification plain;
    private final Classification array;

    public StepIntent(IntentClassifier classifier, StepDescription step, ClassificationMemo memo) {
        this.classifier = classifier;
        this.step = step.withMessage(null, "");
        this.memo = memo;
        Classification p = null;
        Classification a = null;
        if (classifier.readsBodyShapeOnly()) {
            try {
                p = classifier.classify(this.step);
                a = classifier.classify(this.step.withMessage(null, ARRAY_SAMPLE));
            } catch (RuntimeException e) {
                // asked again per message: a failure there sends the message down the original path, as it always
                // did, instead of stopping the route from starting
                p = null;
                a = null;
            }
        }
        this.plain = p;
        this.array = a;
        this.memoStep = p == null ? 0 : memo.newStep();
    }

    /**
     * @param instruction this message's instruction, or null
     * @param body        the message's text, or null; only its start is looked at
     * @param sampleChars how much of the body a classifier that reads it may see
     */
    public Classification classify(String instruction, String body, int sampleChars) {
        if (plain == null) {
            return classifier.classify(step.withMessage(instruction, sample(body, sampleChars)));
        }
        boolean arrayBody = isJsonArray(body);
        if (instruction == null || instruction.isBlank()) {
            return arrayBody ? array : plain;
        }
        return memo.get(memoStep, instruction, arrayBody,
                () -> classifier.classify(step.withMessage(instruction, arrayBody ? ARRAY_SAMPLE : "")));
    }

    /** The same test as {@code sample.stripLeading().startsWith("[")}, without copying the body. */
    static boolean isJsonArray(String body) {
        if (body == null) {
            return false;
        }
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '[';
            }
        }
        return false;
    }

    private static String sample(String text, int chars) {
        if (text == null) {
            return "";
        }
        return text.length() <= chars ? text : text.substring(0, chars);
    }
}
