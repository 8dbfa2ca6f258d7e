package io.camelorchestration.cache.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelorchestration.cache.CachedAnswer;
import io.camelorchestration.internal.Json;

/**
 * Entries as bytes: a magic number, a CRC32C of the rest, then JSON that names the key it was written under. Any store
 * can hold bytes, a distributed one ships them between JVMs of different versions, and a damaged entry (a torn write,
 * a store's own bug, another program under the same name) is recognised instead of served.
 */
public final class CachedAnswerCodec {

    private static final ObjectMapper MAPPER = Json.MAPPER;
    private static final byte[] MAGIC = { 'O', 'C', 'A', '1' };

    private CachedAnswerCodec() {
    }

    /** Thrown for an entry that is not one of ours, or is damaged. */
    public static final class CorruptEntryException extends Exception {
        CorruptEntryException(String reason) {
            super(reason, null, false, false);
        }
    }

    public static byte[] encode(String key, CachedAnswer a) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("key", key);
        if (a.textBody() != null) {
            o.put("text", a.textBody());
        } else {
            o.put("bytes", Base64.getEncoder().encodeToString(a.bytesBody()));
        }
        ObjectNode headers = o.putObject("headers");
        a.headers().forEach((name, value) -> {
            ArrayNode typed = headers.putArray(name);
            typed.add(type(value));
            typed.add(value.toString());
        });
        ArrayNode removed = o.putArray("removed");
        a.removedHeaders().forEach(removed::add);
        o.put("model", a.model());
        o.put("in", a.inputTokens());
        o.put("out", a.outputTokens());
        o.put("cost", a.cost());
        o.put("storedAt", a.storedAt());
        o.put("expiresAt", a.expiresAt());
        byte[] json;
        try {
            json = MAPPER.writeValueAsBytes(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        CRC32C crc = new CRC32C();
        crc.update(json);
        return ByteBuffer.allocate(MAGIC.length + 4 + json.length).put(MAGIC).putInt((int) crc.getValue()).put(json).array();
    }

    public static CachedAnswer decode(String key, byte[] entry) throws CorruptEntryException {
        if (entry == null || entry.length < MAGIC.length + 4 || !Arrays.equals(entry, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new CorruptEntryException("not a cached answer");
        }
        ByteBuffer buf = ByteBuffer.wrap(entry);
        buf.position(MAGIC.length);
        int expected = buf.getInt();
        CRC32C crc = new CRC32C();
        crc.update(entry, MAGIC.length + 4, entry.length - MAGIC.length - 4);
        if ((int) crc.getValue() != expected) {
            throw new CorruptEntryException("checksum mismatch");
        }
        try {
            JsonNode o = MAPPER.readTree(new String(entry, MAGIC.length + 4, entry.length - MAGIC.length - 4,
                    StandardCharsets.UTF_8));
            if (!key.equals(o.path("key").asText(null))) {
                throw new CorruptEntryException("written under another key");
            }
            Map<String, Object> headers = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = o.path("headers").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> h = it.next();
                headers.put(h.getKey(), value(h.getValue().path(0).asText(), h.getValue().path(1).asText()));
            }
            List<String> removed = new ArrayList<>();
            o.path("removed").forEach(n -> removed.add(n.asText()));
            JsonNode text = o.get("text");
            JsonNode bytes = o.get("bytes");
            if ((text == null || !text.isTextual()) && (bytes == null || !bytes.isTextual())) {
                throw new CorruptEntryException("no body");
            }
            return new CachedAnswer(text != null && text.isTextual() ? text.asText() : null,
                    text != null && text.isTextual() ? null : Base64.getDecoder().decode(bytes.asText()), headers, removed,
                    o.path("model").isTextual() ? o.path("model").asText() : null, o.path("in").asLong(),
                    o.path("out").asLong(), o.path("cost").asDouble(), o.path("storedAt").asLong(),
                    o.path("expiresAt").asLong());
        } catch (IOException | RuntimeException e) {
            throw new CorruptEntryException("unreadable: " + e.getClass().getSimpleName());
        }
    }

    private static String type(Object v) {
        if (v instanceof String) {
            return "s";
        } else if (v instanceof Integer) {
            return "i";
        } else if (v instanceof Long) {
            return "l";
        } else if (v instanceof Double) {
            return "d";
        } else if (v instanceof Float) {
            return "f";
        } else if (v instanceof Boolean) {
            return "b";
        }
        throw new IllegalArgumentException("header value of type " + v.getClass().getName() + " cannot be cached");
    }

    private static Object value(String type, String text) {
        switch (type) {
            case "s": return text;
            case "i": return Integer.valueOf(text);
            case "l": return Long.valueOf(text);
            case "d": return Double.valueOf(text);
            case "f": return Float.valueOf(text);
            case "b": return Boolean.valueOf(text);
            default: throw new IllegalArgumentException("unknown header type " + type);
        }
    }
}
