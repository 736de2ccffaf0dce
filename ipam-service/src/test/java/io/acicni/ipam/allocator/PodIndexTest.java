package io.acicni.ipam.allocator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PodIndexTest {

    private static PodAllocation handle(PodIndex index, String key) {
        return new PodAllocation(index, key, PodIndex.hashOf(key), index.newId(), null, -1, 0, 0, -1, 0, 0);
    }

    /** Keys of equal String.hashCode ("Aa" and "BB" collide): long probe chains and backward shifts. */
    private static String collidingKey(int n) {
        StringBuilder sb = new StringBuilder();
        for (int bit = 0; bit < 12; bit++) {
            sb.append((n >> bit & 1) == 0 ? "Aa" : "BB");
        }
        return sb.toString();
    }

    private static void churnAgainstModel(List<String> keys, long seed, int ops) {
        PodIndex index = new PodIndex();
        Map<String, PodAllocation> model = new HashMap<>();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < ops; i++) {
            String key = keys.get(random.nextInt(keys.size()));
            PodAllocation present = model.get(key);
            assertThat(index.get(key)).isSameAs(present);
            if (present == null) {
                PodAllocation pa = handle(index, key);
                index.insert(pa);
                model.put(key, pa);
                assertThat(pa.isHeld()).isTrue();
            } else if (random.nextBoolean()) {
                index.remove(present);
                model.remove(key);
                assertThat(present.isHeld()).isFalse();
            } else {
                assertThat(index.remove(key)).isSameAs(present);
                model.remove(key);
            }
            if (i % 4999 == 0) {
                for (PodAllocation live : model.values()) {
                    assertThat(index.handle(live.id)).isSameAs(live);
                }
            }
            assertThat(index.size()).isEqualTo(model.size());
            if (i % 997 == 0) {
                for (Map.Entry<String, PodAllocation> e : model.entrySet()) {
                    assertThat(index.get(e.getKey())).isSameAs(e.getValue());
                }
                assertThat(index.snapshot()).containsExactlyInAnyOrderElementsOf(model.values());
            }
        }
        for (String key : keys) {
            assertThat(index.get(key)).isSameAs(model.get(key));
        }
    }

    @Test
    void agreesWithAHashMapUnderChurn() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            keys.add("ns-" + (i % 7) + "/pod-" + i);
        }
        churnAgainstModel(keys, 1, 200_000);
    }

    @Test
    void agreesWithAHashMapWhenAllHashesCollide() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            keys.add(collidingKey(i));
        }
        assertThat(keys.get(0).hashCode()).isEqualTo(keys.get(299).hashCode());
        churnAgainstModel(keys, 2, 30_000);
    }

    @Test
    void growsAndKeepsEveryHandle() {
        PodIndex index = new PodIndex();
        List<PodAllocation> all = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            PodAllocation pa = handle(index, "k" + i);
            index.insert(pa);
            all.add(pa);
        }
        for (PodAllocation pa : all) {
            assertThat(index.get(pa.podKey())).isSameAs(pa);
        }
        for (int i = 0; i < all.size(); i += 2) {
            index.remove(all.get(i));
        }
        assertThat(index.size()).isEqualTo(50_000);
        // freed ids are reused, last freed first, and never collide with a live handle's id
        PodAllocation again = handle(index, "again");
        assertThat(again.id).isEqualTo(99_998);
        index.insert(again);
        assertThat(index.handle(again.id)).isSameAs(again);
        assertThat(index.size()).isEqualTo(50_001);
        for (int i = 0; i < all.size(); i++) {
            assertThat(index.get("k" + i)).isSameAs(i % 2 == 0 ? null : all.get(i));
        }
    }
}
