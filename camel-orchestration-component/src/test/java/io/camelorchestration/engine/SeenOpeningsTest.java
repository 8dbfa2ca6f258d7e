package io.camelorchestration.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import io.camelorchestration.compress.BrownSample;
import org.junit.jupiter.api.Test;

/** What a step remembers of the prompts it sent: how much of a new one's opening the provider has lately seen. */
class SeenOpeningsTest {

    static final String POLICY = BrownSample.byId("cj01").text();

    @Test
    void theSharedOpeningOfTwoPromptsIsFoundToTheBlock() {
        SeenOpenings seen = new SeenOpenings();
        seen.add(POLICY + "\n\nFirst letter: my claim C-1 was refused.");

        int shared = seen.longestSeen(POLICY + "\n\nSecond letter: where is my refund?");

        // the two prompts agree up to the letter ("\n\n" included): every whole block of that is found
        int agree = POLICY.length() + 2;
        assertThat(shared).isEqualTo(agree / SeenOpenings.BLOCK_CHARS * SeenOpenings.BLOCK_CHARS);
        assertThat(seen.longestSeen(BrownSample.byId("ca01").text())).isZero();
    }

    @Test
    void lookingAndRecordingInOneCallAnswersWhatLookingBeforeRecordingDid() {
        SeenOpenings seen = new SeenOpenings();
        String first = POLICY + "\n\nFirst letter: my claim C-1 was refused.";
        String second = POLICY + "\n\nSecond letter: where is my refund?";
        SeenOpenings apart = new SeenOpenings();

        assertThat(seen.longestSeenThenAdd(first)).isZero();
        int shared = seen.longestSeenThenAdd(second);

        apart.add(first);
        assertThat(shared).isPositive().isEqualTo(apart.longestSeen(second));
        apart.add(second);
        assertThat(seen.longestSeen(second)).as("the second prompt is recorded too").isPositive()
                .isEqualTo(apart.longestSeen(second));
    }

    @Test
    void anOpeningNotSeenForLongerThanTheCacheKeepsItIsForgotten() {
        AtomicLong now = new AtomicLong();
        SeenOpenings seen = new SeenOpenings(SeenOpenings.DEFAULT_MAX_ENTRIES, 1_000, now::get);
        seen.add(POLICY);

        now.set(1_000);
        assertThat(seen.longestSeen(POLICY)).isPositive();
        now.set(1_001);
        assertThat(seen.longestSeen(POLICY)).isZero();
    }

    @Test
    void itHoldsAtMostItsBoundOfOpenings() {
        SeenOpenings seen = new SeenOpenings(16, SeenOpenings.DEFAULT_TTL_NANOS, System::nanoTime);
        for (BrownSample doc : BrownSample.all()) {
            seen.add(doc.text());
        }

        assertThat(seen.size()).isEqualTo(16);
        // the last prompt's opening is what was seen most lately: kept; the first one's is gone
        assertThat(seen.longestSeen(BrownSample.all().get(0).text())).isZero();
    }
}
