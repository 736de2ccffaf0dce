package io.acicni.testkit.apic;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Parser for {@code query-target-filter} expressions: {@code eq}, {@code ne}, {@code and},
 * {@code or}, {@code not}, {@code wcard} (unanchored regular expression) over {@code <class>.<attr>}
 * and quoted values. A property of another class than the object's never matches.
 */
final class FilterExpression {

    private final String text;
    private int pos;

    private FilterExpression(String text) {
        this.text = text;
    }

    /** Parses the expression. @throws IllegalArgumentException with a readable reason */
    static Predicate<ManagedObject> parse(String expression) {
        FilterExpression p = new FilterExpression(expression.trim());
        Predicate<ManagedObject> result = p.expression();
        p.skipSpaces();
        if (p.pos != p.text.length()) {
            throw new IllegalArgumentException("unexpected text at position " + p.pos + " of filter " + expression);
        }
        return result;
    }

    private Predicate<ManagedObject> expression() {
        skipSpaces();
        int start = pos;
        while (pos < text.length() && Character.isLetter(text.charAt(pos))) {
            pos++;
        }
        String op = text.substring(start, pos);
        expect('(');
        List<Object> args = new ArrayList<>();
        skipSpaces();
        while (peek() != ')') {
            args.add(argument());
            skipSpaces();
            if (peek() == ',') {
                pos++;
            } else if (peek() != ')') {
                throw new IllegalArgumentException("expected ',' or ')' at position " + pos + " of filter " + text);
            }
        }
        expect(')');
        switch (op) {
            case "and":
                return all(args, true);
            case "or":
                return all(args, false);
            case "not":
                if (args.size() != 1 || !(args.get(0) instanceof Predicate)) {
                    throw new IllegalArgumentException("not() takes one expression");
                }
                return predicate(args.get(0)).negate();
            case "eq":
            case "ne":
            case "wcard":
                return comparison(op, args);
            default:
                throw new IllegalArgumentException("unsupported filter operator '" + op + "'");
        }
    }

    @SuppressWarnings("unchecked")
    private static Predicate<ManagedObject> predicate(Object o) {
        return (Predicate<ManagedObject>) o;
    }

    private static Predicate<ManagedObject> all(List<Object> args, boolean and) {
        List<Predicate<ManagedObject>> parts = new ArrayList<>();
        for (Object a : args) {
            if (!(a instanceof Predicate)) {
                throw new IllegalArgumentException("and()/or() take expressions");
            }
            parts.add(predicate(a));
        }
        return mo -> and ? parts.stream().allMatch(p -> p.test(mo)) : parts.stream().anyMatch(p -> p.test(mo));
    }

    private static Predicate<ManagedObject> comparison(String op, List<Object> args) {
        if (args.size() != 2 || !(args.get(0) instanceof Property) || !(args.get(1) instanceof String)) {
            throw new IllegalArgumentException(op + "() takes <class>.<attribute> and a quoted value");
        }
        Property p = (Property) args.get(0);
        String value = (String) args.get(1);
        if (op.equals("wcard")) {
            Pattern re;
            try {
                re = Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("wcard() value is not a regular expression: " + value);
            }
            return mo -> p.matchesClass(mo) && re.matcher(p.value(mo)).find();
        }
        boolean eq = op.equals("eq");
        return mo -> p.matchesClass(mo) && (p.value(mo).equals(value) == eq);
    }

    private Object argument() {
        skipSpaces();
        char c = peek();
        if (c == '"') {
            pos++;
            int end = text.indexOf('"', pos);
            if (end < 0) {
                throw new IllegalArgumentException("unterminated quoted value in filter " + text);
            }
            String v = text.substring(pos, end);
            pos = end + 1;
            return v;
        }
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '.'
                || text.charAt(pos) == '_')) {
            pos++;
        }
        String word = text.substring(start, pos);
        skipSpaces();
        if (peek() == '(') {
            pos = start;
            return expression();
        }
        int dot = word.indexOf('.');
        if (dot <= 0 || dot == word.length() - 1) {
            throw new IllegalArgumentException("expected <class>.<attribute> but found '" + word + "' in filter " + text);
        }
        return new Property(word.substring(0, dot), word.substring(dot + 1));
    }

    private void expect(char c) {
        skipSpaces();
        if (peek() != c) {
            throw new IllegalArgumentException("expected '" + c + "' at position " + pos + " of filter " + text);
        }
        pos++;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipSpaces() {
        while (pos < text.length() && text.charAt(pos) == ' ') {
            pos++;
        }
    }

    private record Property(String className, String attribute) {
        boolean matchesClass(ManagedObject mo) {
            return mo.className.equals(className);
        }

        String value(ManagedObject mo) {
            if (attribute.equals("dn")) {
                return mo.dn;
            }
            String v = mo.attributes.get(attribute);
            return v == null ? "" : v;
        }
    }
}
