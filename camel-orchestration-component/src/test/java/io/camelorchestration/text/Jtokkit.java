package io.camelorchestration.text;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingRegistry;

/** jtokkit itself, counting a text in one go: the reference every shortcut of ours must equal. */
public final class Jtokkit {

    private static final EncodingRegistry REGISTRY = Encodings.newDefaultEncodingRegistry();

    private Jtokkit() {
    }

    public static int count(String text, String encoding) {
        return REGISTRY.getEncoding(encoding).orElseThrow().countTokensOrdinary(text);
    }
}
