package archive;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which files a consumer needs: exact paths and globs ({@code java.nio} "glob:" syntax, see
 * {@link Glob}) on the normalized path (no leading {@code ./}).
 */
public record FileSelector(Set<String> paths, Set<String> globs) {

    private static final String EVERYTHING = "**";

    public FileSelector {
        paths = normalized(paths);
        globs = normalized(globs);
        globs.forEach(Glob::compiled); // a bad glob fails here, not on the first archive
    }

    /** A pattern containing {@code * ? [ {} is a glob, anything else an exact path. */
    public static FileSelector of(String... patterns) {
        Set<String> paths = new HashSet<>();
        Set<String> globs = new HashSet<>();
        for (String pattern : patterns) {
            (Glob.isGlob(pattern) ? globs : paths).add(pattern);
        }
        return new FileSelector(paths, globs);
    }

    /** Whether {@code pattern} is a glob (contains {@code * ? [ {}) rather than an exact path. */
    public static boolean isGlob(String pattern) {
        return Glob.isGlob(pattern);
    }

    public static FileSelector all() {
        return new FileSelector(Set.of(), Set.of(EVERYTHING));
    }

    public static FileSelector none() {
        return new FileSelector(Set.of(), Set.of());
    }

    public FileSelector union(FileSelector other) {
        Set<String> p = new HashSet<>(paths);
        p.addAll(other.paths);
        Set<String> g = new HashSet<>(globs);
        g.addAll(other.globs);
        return new FileSelector(p, g);
    }

    public boolean matches(String normalizedPath) {
        return matcher().test(normalizedPath);
    }

    /** The selector compiled once, for testing many paths (a whole archive). */
    Predicate<String> matcher() {
        if (globs.contains(EVERYTHING)) {
            return path -> true;
        }
        List<Glob.Compiled> compiled = globs.stream().map(Glob::compiled).toList();
        return path -> {
            if (paths.contains(path)) {
                return true;
            }
            for (Glob.Compiled glob : compiled) {
                if (glob.matches(path)) {
                    return true;
                }
            }
            return false;
        };
    }

    @Override
    public String toString() {
        return "FileSelector" + Arrays.toString(new Object[]{paths, globs});
    }

    private static Set<String> normalized(Set<String> patterns) {
        Set<String> out = new HashSet<>();
        for (String pattern : patterns) {
            out.add(pattern.startsWith("./") ? pattern.substring(2) : pattern);
        }
        return Set.copyOf(out);
    }
}
