package archive;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * {@code java.nio} "glob:" syntax on '/'-separated archive paths, compiled to a regular expression:
 * {@code *} and {@code ?} stay inside one path segment, {@code **} crosses segments, {@code [...]}
 * ({@code [!...]} negated) and {@code {a,b}} as in {@link java.nio.file.FileSystem#getPathMatcher}.
 * Done here rather than through the default file system so matching never depends on the platform's
 * separator and needs no {@code Path} per archive entry.
 */
final class Glob {

    private static final Map<String, Compiled> COMPILED = new ConcurrentHashMap<>();
    private static final String REGEX_META = ".^$+()|\\[]{}*?&";

    private Glob() {
    }

    static boolean isGlob(String pattern) {
        return pattern.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    static boolean matches(String glob, String path) {
        return compiled(glob).matches(path);
    }

    static Compiled compiled(String glob) {
        return COMPILED.computeIfAbsent(glob, g -> new Compiled(literalPrefix(g), compile(g)));
    }

    /**
     * A compiled glob. Most archive paths fail on the literal prefix (e.g. {@code config/node/}), which
     * costs a {@code startsWith}; only the rest run the regular expression.
     */
    record Compiled(String prefix, Pattern pattern) {
        boolean matches(String path) {
            return path.startsWith(prefix) && pattern.matcher(path).matches();
        }
    }

    /** The glob's text before its first metacharacter: every match starts with it. */
    static String literalPrefix(String glob) {
        for (int i = 0; i < glob.length(); i++) {
            if ("*?[{\\".indexOf(glob.charAt(i)) >= 0) {
                return glob.substring(0, i);
            }
        }
        return glob;
    }

    static Pattern compile(String glob) {
        StringBuilder regex = new StringBuilder();
        boolean inGroup = false;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> {
                    if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                        regex.append(".*");
                        i++;
                    } else {
                        regex.append("[^/]*");
                    }
                }
                case '?' -> regex.append("[^/]");
                case '\\' -> {
                    if (++i == glob.length()) {
                        throw new IllegalArgumentException("glob ends with an escape: " + glob);
                    }
                    literal(regex, glob.charAt(i));
                }
                case '[' -> i = characterClass(glob, i, regex);
                case '{' -> {
                    if (inGroup) {
                        throw new IllegalArgumentException("nested {} in glob: " + glob);
                    }
                    regex.append("(?:");
                    inGroup = true;
                }
                case '}' -> {
                    if (inGroup) {
                        regex.append(')');
                        inGroup = false;
                    } else {
                        literal(regex, c);
                    }
                }
                case ',' -> regex.append(inGroup ? "|" : ",");
                default -> literal(regex, c);
            }
        }
        if (inGroup) {
            throw new IllegalArgumentException("unclosed { in glob: " + glob);
        }
        return Pattern.compile(regex.toString());
    }

    /** Copies {@code [...]} starting at {@code start}; returns the index of the closing ']'. */
    private static int characterClass(String glob, int start, StringBuilder regex) {
        regex.append("[[^/]&&[");
        int i = start + 1;
        if (i < glob.length() && (glob.charAt(i) == '!' || glob.charAt(i) == '^')) {
            regex.append('^');
            i++;
        }
        for (; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == ']') {
                regex.append("]]");
                return i;
            }
            if (c == '/') {
                throw new IllegalArgumentException("'/' inside [] in glob: " + glob);
            }
            if (c == '-') {
                regex.append('-');
            } else {
                if (c == '\\' && i + 1 < glob.length()) {
                    c = glob.charAt(++i);
                }
                literal(regex, c);
            }
        }
        throw new IllegalArgumentException("unclosed [ in glob: " + glob);
    }

    private static void literal(StringBuilder regex, char c) {
        if (REGEX_META.indexOf(c) >= 0) {
            regex.append('\\');
        }
        regex.append(c);
    }
}
