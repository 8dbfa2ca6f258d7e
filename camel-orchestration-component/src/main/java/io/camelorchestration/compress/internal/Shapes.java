package io.camelorchestration.compress.internal;


import io.camelorchestration.compress.CompressionRequest;

/** Cheap looks at a text's shape, so that prose strategies leave JSON alone and the JSON ones leave prose alone. */
public final class Shapes {

    private Shapes() {
    }

    /** Starts with { or [ and ends with } or ]: worth a real parse, never touched by prose strategies. */
    public static boolean looksLikeJson(String text) {
        int i = 0;
        int n = text.length();
        while (i < n && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        int j = n - 1;
        while (j > i && Character.isWhitespace(text.charAt(j))) {
            j--;
        }
        if (i >= j) {
            return false;
        }
        char a = text.charAt(i);
        char z = text.charAt(j);
        return a == '{' && z == '}' || a == '[' && z == ']';
    }

    /** Sentence selection drops units; a filter step needs every item it is asked about. */
    static boolean selectable(CompressionRequest request) {
        return request.intent() != io.camelorchestration.classify.Intent.FILTER && !looksLikeJson(request.text());
    }
}
