package io.camelorchestration.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;

/**
 * A model that embeds each distinct text once: the benchmark compares many settings (and leaves each example out in
 * turn) over the same few hundred texts. Never used for the per-message cost, which must pay the model.
 */
final class CachedEmbeddings implements EmbeddingModel {

    private final EmbeddingModel model;
    private final Map<String, Embedding> cache = new ConcurrentHashMap<>();

    CachedEmbeddings(EmbeddingModel model) {
        this.model = model;
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        List<TextSegment> missing = new ArrayList<>();
        for (TextSegment s : segments) {
            if (!cache.containsKey(s.text())) {
                missing.add(s);
            }
        }
        if (!missing.isEmpty()) {
            List<Embedding> e = model.embedAll(missing).content();
            for (int i = 0; i < missing.size(); i++) {
                cache.put(missing.get(i).text(), e.get(i));
            }
        }
        List<Embedding> out = new ArrayList<>(segments.size());
        for (TextSegment s : segments) {
            out.add(cache.get(s.text()));
        }
        return Response.from(out);
    }
}
