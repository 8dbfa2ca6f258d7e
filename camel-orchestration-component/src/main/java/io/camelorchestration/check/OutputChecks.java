package io.camelorchestration.check;

import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelorchestration.internal.Json;

/**
 * The output checks of the ten intents.
 */
public final class OutputChecks {

    private static final ObjectMapper MAPPER = Json.MAPPER;
    private static final Pattern FENCE = Pattern.compile("^```[a-zA-Z]*\\s*|\\s*```$");
    private static final Pattern BOOLEAN = Pattern.compile(
            "^\\W*(yes|no|true|false|y|n|1|0|urgent|not urgent)\\b.*", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern VERDICT = Pattern.compile(
            "\\b(valid|invalid|pass(ed)?|fail(ed)?|compliant|non-compliant|ok|not ok|approved|rejected|true|false)\\b",
            Pattern.CASE_INSENSITIVE);
    // compiled once: the checks run on every routed step's answer
    private static final Pattern LINE_BREAK = Pattern.compile("\\R");
    private static final Pattern LABEL = Pattern.compile("^[^:]*:\\s*");
    private static final Pattern TRUE_FALSE = Pattern.compile("true|false");

    private OutputChecks() {
    }

    public static OutputCheck none() {
        return (output, input) -> CheckResult.pass();
    }

    public static OutputCheck nonEmpty() {
        return (output, input) -> output.isBlank() ? CheckResult.fail("empty output") : CheckResult.pass();
    }

    public static OutputCheck shorterThanInput() {
        return (output, input) -> {
            if (output.isBlank()) {
                return CheckResult.fail("empty output");
            }
            if (!input.isBlank() && output.length() >= input.length()) {
                return CheckResult.fail("summary is not shorter than its input");
            }
            return CheckResult.pass();
        };
    }

    /** JSON, also when the model wrapped it in a markdown fence. */
    public static OutputCheck parsesAsJson() {
        return (output, input) -> json(output) != null ? CheckResult.pass() : CheckResult.fail("output is not JSON");
    }

    public static OutputCheck verdict() {
        return (output, input) -> {
            JsonNode node = json(output);
            if (node != null && node.isObject() && (node.has("valid") || node.has("verdict") || node.has("status"))) {
                return CheckResult.pass();
            }
            return VERDICT.matcher(output).find() ? CheckResult.pass() : CheckResult.fail("output holds no verdict");
        };
    }

    public static OutputCheck booleanAnswer() {
        return (output, input) -> {
            JsonNode node = json(output);
            if (node != null && (node.isBoolean() || node.isObject() && node.has("result"))) {
                return CheckResult.pass();
            }
            return BOOLEAN.matcher(output.trim()).matches() ? CheckResult.pass() : CheckResult.fail("output is not a yes/no answer");
        };
    }

    /** A JSON array of booleans or a line of yes/no per item; a single yes/no is accepted for a single item. */
    public static OutputCheck booleanPerItem() {
        OutputCheck single = booleanAnswer();
        return (output, input) -> {
            JsonNode node = json(output);
            if (node != null && node.isArray()) {
                for (JsonNode n : node) {
                    if (!(n.isBoolean() || n.isObject() || n.isTextual() && BOOLEAN.matcher(n.asText()).matches())) {
                        return CheckResult.fail("filter output item is not a boolean: " + n.getNodeType());
                    }
                }
                return CheckResult.pass();
            }
            if (node != null && node.isObject()) {
                return CheckResult.pass();
            }
            for (String line : LINE_BREAK.split(output.strip())) {
                if (!line.isBlank() && !BOOLEAN.matcher(line.trim()).matches()
                        && !BOOLEAN.matcher(LABEL.matcher(line).replaceFirst("")).matches()) {
                    return single.check(output, input);
                }
            }
            return CheckResult.pass();
        };
    }

    static JsonNode json(String output) {
        String s = FENCE.matcher(output.strip()).replaceAll("").strip();
        if (s.isEmpty()) {
            return null;
        }
        char c = s.charAt(0);
        if (c != '{' && c != '[' && !TRUE_FALSE.matcher(s.toLowerCase(Locale.ROOT)).matches()) {
            return null;
        }
        try {
            return MAPPER.readTree(s);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
