package io.acicni.testkit.kube;

import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.AttributeType;
import io.fabric8.mockwebserver.crud.Value;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The CRUD dispatcher's object store ({@code AttributeSet} key to JSON), with secondary indexes so a
 * request looks only at the entries that can match it. See {@link IndexedCrudDispatcher} for why
 * and how it is wired in.
 *
 * <p>It behaves as the {@code Collections.synchronizedMap(new LinkedHashMap<>())} it replaces
 * (insertion order, {@code put} of a present key keeps its place), with one difference: while a
 * <em>scope</em> is set on the calling thread ({@link #scoped}), {@link #entrySet()} returns only the
 * <em>candidates</em> for that query, in the same relative order. The dispatcher still filters them
 * with {@code AttributeSet.matches(query)}, so the answer is the same as long as the candidates are a
 * superset of the entries that match; they are, because a query attribute of type {@code WITH}
 * matches only a stored attribute with the same key and an equal value list ({@code Attribute.equals},
 * where {@code Value} {@code "*"} equals anything):
 * <ul>
 *   <li>a query with {@code plural} P and {@code name} N: the entries stored with plural P and name N;</li>
 *   <li>with plural P and {@code namespace} S (a list in a namespace): plural P and namespace S;</li>
 *   <li>with plural P only (a list over all namespaces, or of a cluster-scoped kind): plural P;</li>
 *   <li>anything else (no usable plural, e.g. {@code /api/v1}, or a selector that overrode one of these
 *   keys with another operator): every entry, as before.</li>
 * </ul>
 * Entries whose plural, namespace or name is not one plain value ({@code "*"}, several values) could
 * equal any query value; they are kept aside and added to every candidate list (in store order).
 * The index coordinates come from the stored key itself (what {@code KubernetesAttributesExtractor}
 * put there: the resource's metadata merged over the path's attributes), and the query's from
 * {@code fromPath} (+ {@code name} for a create or a watch by name), so cluster-scoped kinds (no
 * {@code namespace} attribute) and objects created without a namespace in the path need no special
 * case: an absent attribute is its own coordinate, which no {@code WITH} query looks up.
 *
 * <p>Thread safety: every method locks the store (as {@code synchronizedMap} did); {@link #entrySet()}
 * is a snapshot of the candidates.
 */
final class IndexedStore extends AbstractMap<AttributeSet, String> {
    static final String PLURAL = "plural";
    static final String NAMESPACE = "namespace";
    static final String NAME = "name";
    private static final String ANY = "*";
    /** The coordinate of an attribute the key does not have (no Kubernetes name contains NUL). */
    private static final String ABSENT = "\u0000absent";
    private static final Object IRREGULAR = new Object();

    private final Object mutex = new Object();
    private final LinkedHashMap<AttributeSet, String> entries = new LinkedHashMap<>();
    /** Insertion sequence of each key, to merge the irregular entries into a bucket in store order. */
    private final HashMap<AttributeSet, Long> sequence = new HashMap<>();
    private long nextSequence;
    private final HashMap<String, LinkedHashSet<AttributeSet>> byPlural = new HashMap<>();
    private final HashMap<List<String>, LinkedHashSet<AttributeSet>> byPluralNamespace = new HashMap<>();
    private final HashMap<List<String>, LinkedHashSet<AttributeSet>> byPluralName = new HashMap<>();
    private final LinkedHashSet<AttributeSet> irregular = new LinkedHashSet<>();

    private final ThreadLocal<AttributeSet> scope = new ThreadLocal<>();
    private long puts;
    private AttributeSet lastPut;
    private final AtomicLong visited = new AtomicLong();
    private final AtomicLong fullScans = new AtomicLong();

    /** Runs {@code task} with {@link #entrySet()} narrowed to the candidates for {@code query}. */
    <T> T scoped(AttributeSet query, Supplier<T> task) {
        AttributeSet outer = scope.get();
        scope.set(query);
        try {
            return task.get();
        } finally {
            if (outer == null) {
                scope.remove();
            } else {
                scope.set(outer);
            }
        }
    }

    /** Entries handed out by {@link #entrySet()} (each one is then tested with {@code matches}). */
    long visited() {
        return visited.get();
    }

    /** {@link #entrySet()} calls that had to return every entry (no scope, or no usable query key). */
    long fullScans() {
        return fullScans.get();
    }

    @Override
    public Set<Entry<AttributeSet, String>> entrySet() {
        AttributeSet query = scope.get();
        List<Entry<AttributeSet, String>> out;
        synchronized (mutex) {
            Collection<AttributeSet> keys = query == null ? null : candidates(query);
            if (keys == null) {
                fullScans.incrementAndGet();
                keys = entries.keySet();
            }
            out = new ArrayList<>(keys.size());
            for (AttributeSet key : keys) {
                out.add(new SimpleImmutableEntry<>(key, entries.get(key)));
            }
        }
        visited.addAndGet(out.size());
        return new SnapshotSet(out);
    }

    /** The keys that may match {@code query}, in store order, or null for "every key". */
    private Collection<AttributeSet> candidates(AttributeSet query) {
        String plural = plain(query.getAttribute(PLURAL));
        if (plural == null) {
            return null;
        }
        String name = plain(query.getAttribute(NAME));
        String namespace = plain(query.getAttribute(NAMESPACE));
        Set<AttributeSet> bucket;
        if (name != null) {
            bucket = byPluralName.get(List.of(plural, name));
        } else if (namespace != null) {
            bucket = byPluralNamespace.get(List.of(plural, namespace));
        } else {
            bucket = byPlural.get(plural);
        }
        if (irregular.isEmpty()) {
            return bucket == null ? List.of() : bucket;
        }
        List<AttributeSet> merged = new ArrayList<>(irregular);
        if (bucket != null) {
            merged.addAll(bucket);
        }
        merged.sort(Comparator.comparingLong(sequence::get));
        return merged;
    }

    /** The value of a WITH query attribute with one value that is not the wildcard, else null (not usable). */
    private static String plain(Attribute a) {
        if (a == null || a.getType() != AttributeType.WITH || a.getValues().size() != 1) {
            return null;
        }
        String v = a.getValues().get(0).toString();
        return v == null || ANY.equals(v) ? null : v;
    }

    /** The coordinate of a stored key's attribute: its single value, ABSENT, or IRREGULAR. */
    private static Object coordinate(AttributeSet key, String attribute) {
        Attribute a = key.getAttribute(attribute);
        if (a == null) {
            return ABSENT;
        }
        List<Value> values = a.getValues();
        if (values == null || values.size() != 1) {
            return IRREGULAR;
        }
        String v = values.get(0).toString();
        return v == null || ANY.equals(v) ? IRREGULAR : v;
    }

    private void index(AttributeSet key) {
        Object plural = coordinate(key, PLURAL);
        Object namespace = coordinate(key, NAMESPACE);
        Object name = coordinate(key, NAME);
        if (plural == IRREGULAR || namespace == IRREGULAR || name == IRREGULAR) {
            irregular.add(key);
            return;
        }
        String p = (String) plural;
        byPlural.computeIfAbsent(p, k -> new LinkedHashSet<>()).add(key);
        byPluralNamespace.computeIfAbsent(List.of(p, (String) namespace), k -> new LinkedHashSet<>()).add(key);
        byPluralName.computeIfAbsent(List.of(p, (String) name), k -> new LinkedHashSet<>()).add(key);
    }

    private void unindex(AttributeSet key) {
        if (!irregular.remove(key)) {
            String p = (String) coordinate(key, PLURAL);
            removeFrom(byPlural, p, key);
            removeFrom(byPluralNamespace, List.of(p, (String) coordinate(key, NAMESPACE)), key);
            removeFrom(byPluralName, List.of(p, (String) coordinate(key, NAME)), key);
        }
    }

    private static <K> void removeFrom(Map<K, LinkedHashSet<AttributeSet>> index, K coordinate, AttributeSet key) {
        LinkedHashSet<AttributeSet> bucket = index.get(coordinate);
        if (bucket != null && bucket.remove(key) && bucket.isEmpty()) {
            index.remove(coordinate);
        }
    }

    /** How many puts there have been (with {@link #lastPut()}: what a write stored, read under the dispatcher's write lock). */
    long puts() {
        synchronized (mutex) {
            return puts;
        }
    }

    /** The key of the latest put. */
    AttributeSet lastPut() {
        synchronized (mutex) {
            return lastPut;
        }
    }

    @Override
    public String put(AttributeSet key, String value) {
        Objects.requireNonNull(key, "key");
        synchronized (mutex) {
            puts++;
            lastPut = key;
            if (entries.containsKey(key)) {
                return entries.put(key, value);
            }
            entries.put(key, value);
            sequence.put(key, nextSequence++);
            index(key);
            return null;
        }
    }

    @Override
    public String get(Object key) {
        synchronized (mutex) {
            return entries.get(key);
        }
    }

    @Override
    public boolean containsKey(Object key) {
        synchronized (mutex) {
            return entries.containsKey(key);
        }
    }

    @Override
    public String remove(Object key) {
        synchronized (mutex) {
            if (!entries.containsKey(key)) {
                return null;
            }
            AttributeSet k = (AttributeSet) key;
            unindex(k);
            sequence.remove(k);
            return entries.remove(k);
        }
    }

    @Override
    public void clear() {
        synchronized (mutex) {
            entries.clear();
            sequence.clear();
            byPlural.clear();
            byPluralNamespace.clear();
            byPluralName.clear();
            irregular.clear();
        }
    }

    @Override
    public int size() {
        synchronized (mutex) {
            return entries.size();
        }
    }

    /** Every key (a snapshot, whatever the scope). */
    @Override
    public Set<AttributeSet> keySet() {
        synchronized (mutex) {
            return new LinkedHashSet<>(entries.keySet());
        }
    }

    @Override
    public Collection<String> values() {
        synchronized (mutex) {
            return new ArrayList<>(entries.values());
        }
    }

    /** A read-only snapshot; removing through it is not supported (the dispatcher never does). */
    private static final class SnapshotSet extends AbstractSet<Entry<AttributeSet, String>> {
        private final List<Entry<AttributeSet, String>> entries;

        SnapshotSet(List<Entry<AttributeSet, String>> entries) {
            this.entries = entries;
        }

        @Override
        public Iterator<Entry<AttributeSet, String>> iterator() {
            return java.util.Collections.unmodifiableList(entries).iterator();
        }

        @Override
        public int size() {
            return entries.size();
        }

        @Override
        public Object[] toArray() {
            return entries.toArray();
        }
    }
}
