package io.acicni.apic.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The ownership mark of objects this suite writes, compatible with aci-containers: attribute
 * {@code annotation = orchestrator:aci-containers-controller} plus a child {@code tagAnnotation}
 * with key {@code aci-containers-controller-tag} and value {@code <prefix>-<32 hex>} (the first 16
 * bytes of SHA-256 of a grouping key). Older deployments used {@code tagInst tag-<prefix>-<32 hex>}.
 */
public final class Ownership {

    /** Value of the {@code annotation} attribute on every object we write. */
    public static final String ANNOTATION = "orchestrator:aci-containers-controller";
    /** Key of our {@code tagAnnotation}. */
    public static final String TAG_KEY = "aci-containers-controller-tag";

    private static final Pattern ANY_TAG = Pattern.compile("[a-zA-Z0-9_]{1,31}-[a-f0-9]{32}");

    /** How strict "is this ours?" is. */
    public enum Mode {
        /** Only objects whose tag carries our prefix are ours. */
        TAG,
        /** Objects tagged with our prefix, and untagged objects carrying our annotation (acc-provision writes no tags). */
        TAG_OR_ANNOTATION
    }

    private final String prefix;
    private final Pattern ourTag;
    private final Mode mode;

    /** Ownership for system id / prefix {@code prefix} (e.g. {@code kube}). */
    public Ownership(String prefix, Mode mode) {
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        if (!prefix.matches("[a-zA-Z0-9_]{1,31}")) {
            throw new IllegalArgumentException("ownership prefix must be 1-31 letters, digits or '_': " + prefix);
        }
        this.ourTag = Pattern.compile(Pattern.quote(prefix) + "-[a-f0-9]{32}");
        this.mode = Objects.requireNonNull(mode, "mode");
    }

    public String prefix() {
        return prefix;
    }

    public Mode mode() {
        return mode;
    }

    /** The tag for grouping key {@code key}: {@code <prefix>-} + hex of the first 16 bytes of SHA-256(key). */
    public String tag(String key) {
        return tagFor(prefix, key);
    }

    /** The tag for {@code prefix} and {@code key}. */
    public static String tagFor(String prefix, String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return prefix + "-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /**
     * A deep copy of {@code tree} in which every object except tag objects carries our annotation
     * and a {@code tagAnnotation} child with the tag of {@code key}.
     */
    public ApicObject mark(ApicObject tree, String key) {
        return markCopy(tree, tag(key));
    }

    private static ApicObject markCopy(ApicObject o, String tag) {
        ApicObject copy = o.copyWithoutChildren();
        if (isTagClass(o.className())) {
            for (ApicObject child : o.children()) {
                copy.child(child.copy());
            }
            return copy;
        }
        copy.attr("annotation", ANNOTATION);
        boolean hasTag = false;
        for (ApicObject child : o.children()) {
            if (child.className().equals("tagAnnotation") && TAG_KEY.equals(child.attribute("key"))) {
                hasTag = true;
                copy.child(ApicObject.of("tagAnnotation").attr("key", TAG_KEY).attr("value", tag));
            } else {
                copy.child(markCopy(child, tag));
            }
        }
        if (!hasTag) {
            copy.child(ApicObject.of("tagAnnotation").attr("key", TAG_KEY).attr("value", tag));
        }
        return copy;
    }

    /** True for {@code tagAnnotation} and {@code tagInst}. */
    public static boolean isTagClass(String className) {
        return className.equals("tagAnnotation") || className.equals("tagInst");
    }

    /**
     * Is this object ours? Tag objects: when they carry our tag. Other objects: when one of their
     * tag children carries our tag; an object carrying someone else's tag is never ours; an untagged
     * object is ours only in {@link Mode#TAG_OR_ANNOTATION} and when it carries our annotation.
     * The object must have been read with its tag children ({@code rsp-subtree=children} or {@code full}).
     */
    public boolean isOwned(ApicObject o) {
        if (o.className().equals("tagAnnotation")) {
            return TAG_KEY.equals(o.attribute("key")) && ourTag.matcher(nullToEmpty(o.attribute("value"))).matches();
        }
        if (o.className().equals("tagInst")) {
            return ourTag.matcher(nullToEmpty(o.attribute("name"))).matches();
        }
        boolean foreignTag = false;
        for (ApicObject child : o.children()) {
            String value = null;
            if (child.className().equals("tagAnnotation") && TAG_KEY.equals(child.attribute("key"))) {
                value = nullToEmpty(child.attribute("value"));
            } else if (child.className().equals("tagInst")) {
                value = nullToEmpty(child.attribute("name"));
            }
            if (value != null) {
                if (ourTag.matcher(value).matches()) {
                    return true;
                }
                if (ANY_TAG.matcher(value).matches()) {
                    foreignTag = true;
                }
            }
        }
        return !foreignTag && mode == Mode.TAG_OR_ANNOTATION && ANNOTATION.equals(o.attribute("annotation"));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
