package io.acicni.ipam.allocator;

import java.util.Arrays;

/**
 * FIFO of (block, bit, due millis) in growable parallel ring arrays: no object per release. Due
 * times are pushed in non-decreasing order (constant quarantine, monotonic clock), so expiry only
 * looks at the head: amortised O(1).
 */
final class BitQuarantine {
    private Block[] blocks = new Block[1024];
    private byte[] bits = new byte[1024];
    private long[] due = new long[1024];
    private int head;
    private int size;

    int size() {
        return size;
    }

    void push(Block block, int bit, long dueMillis) {
        if (size == blocks.length) {
            grow();
        }
        int tail = (head + size) & (blocks.length - 1);
        blocks[tail] = block;
        bits[tail] = (byte) bit;
        due[tail] = dueMillis;
        size++;
    }

    boolean headDue(long now) {
        return size > 0 && due[head] <= now;
    }

    Block headBlock() {
        return blocks[head];
    }

    int headBit() {
        return bits[head];
    }

    long headDueMillis() {
        return due[head];
    }

    void pop() {
        blocks[head] = null;
        head = (head + 1) & (blocks.length - 1);
        size--;
    }

    private void grow() {
        int n = blocks.length;
        Block[] nb = new Block[n * 2];
        byte[] nbits = new byte[n * 2];
        long[] ndue = new long[n * 2];
        for (int i = 0; i < size; i++) {
            int j = (head + i) & (n - 1);
            nb[i] = blocks[j];
            nbits[i] = bits[j];
            ndue[i] = due[j];
        }
        blocks = nb;
        bits = nbits;
        due = ndue;
        head = 0;
        Arrays.fill(blocks, size, blocks.length, null);
    }
}
