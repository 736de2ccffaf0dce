package io.acicni.ipam.allocator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RestingAddressesTest {

    /** Random pushes and expiries against a HashSet + FIFO model; values drawn from a small space so
     * that probe chains, wrap-around and backward shifts all occur. */
    @Test
    void agreesWithASetAndAFifoUnderChurn() {
        RestingAddresses q = new RestingAddresses();
        Set<List<Long>> model = new HashSet<>();
        ArrayDeque<long[]> fifo = new ArrayDeque<>();
        SplittableRandom random = new SplittableRandom(3);
        long now = 0;
        for (int i = 0; i < 100_000; i++) {
            long hi = random.nextInt(4) == 0 ? -1L : random.nextInt(3);
            long lo = random.nextInt(8) == 0 ? -1L : random.nextInt(5_000);
            List<Long> key = List.of(hi, lo);
            assertThat(q.contains(hi, lo)).isEqualTo(model.contains(key));
            if (!model.contains(key) && random.nextInt(3) > 0) {
                q.push(hi, lo, now + 50);
                model.add(key);
                fifo.addLast(new long[] {hi, lo, now + 50});
            }
            now += random.nextInt(3);
            while (q.headDue(now)) {
                long[] head = fifo.pollFirst();
                assertThat(head[2]).isLessThanOrEqualTo(now);
                assertThat(q.headHi()).isEqualTo(head[0]);
                assertThat(q.headLo()).isEqualTo(head[1]);
                q.pop();
                model.remove(List.of(head[0], head[1]));
            }
            assertThat(fifo.isEmpty() || fifo.peekFirst()[2] > now).isTrue();
            assertThat(q.size()).isEqualTo(model.size());
        }
        int i = 0;
        for (long[] e : fifo) {
            assertThat(q.hiAt(i)).isEqualTo(e[0]);
            assertThat(q.loAt(i)).isEqualTo(e[1]);
            assertThat(q.contains(e[0], e[1])).isTrue();
            i++;
        }
    }

    @Test
    void theAllOnesAddressIsAMemberLikeAnyOther() {
        RestingAddresses q = new RestingAddresses();
        assertThat(q.contains(-1L, -1L)).isFalse();
        q.push(-1L, -1L, 5);
        q.push(0, 7, 6);
        assertThat(q.contains(-1L, -1L)).isTrue();
        assertThat(q.contains(0, 7)).isTrue();
        q.pop();
        assertThat(q.contains(-1L, -1L)).isFalse();
        assertThat(q.contains(0, 7)).isTrue();
        assertThat(q.size()).isEqualTo(1);
    }
}
