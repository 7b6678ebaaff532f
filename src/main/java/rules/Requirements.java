package rules;

import archive.ArchiveFiles;
import archive.FileSelector;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The archive files a rule needs, as {@link FileSelector} patterns (exact paths or globs): every
 * {@code allOf} pattern and at least one pattern of each {@code anyOf} group must match a file, or the
 * rule is skipped with {@code MISSING_REQUIREMENTS}. {@code optional} files are read when present.
 */
public record Requirements(List<String> allOf, List<List<String>> anyOf, List<String> optional) {

    public Requirements {
        allOf = List.copyOf(allOf);
        anyOf = anyOf.stream().map(List::copyOf).toList();
        optional = List.copyOf(optional);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Every pattern, for reading the archive. */
    public FileSelector selector() {
        List<String> patterns = new ArrayList<>(allOf);
        anyOf.forEach(patterns::addAll);
        patterns.addAll(optional);
        return FileSelector.of(patterns.toArray(String[]::new));
    }

    /** What is missing from {@code files}, or null when the rule can run. */
    public Missing missing(ArchiveFiles files) {
        List<String> missingAll = allOf.stream().filter(p -> !present(files, p)).toList();
        List<List<String>> missingAny = anyOf.stream()
                .filter(group -> group.stream().noneMatch(p -> present(files, p)))
                .toList();
        return missingAll.isEmpty() && missingAny.isEmpty() ? null : new Missing(missingAll, missingAny);
    }

    static boolean present(ArchiveFiles files, String pattern) {
        String path = pattern.startsWith("./") ? pattern.substring(2) : pattern;
        return FileSelector.isGlob(path) ? !files.paths(path).isEmpty() : files.has(path);
    }

    /** The unmet part of the requirements. */
    public record Missing(List<String> allOf, List<List<String>> anyOf) {

        /** insights-core's wording: {@code All: ['a', 'b'] Any: ['c', 'd']} ({@code dr.stringify_requirements}). */
        public String describe() {
            List<String> groups = anyOf.stream().map(Missing::pythonList).toList();
            return "All: " + pythonList(allOf) + " Any: " + String.join(" Any: ", groups);
        }

        private static String pythonList(List<String> items) {
            return items.stream().map(item -> "'" + item + "'")
                    .collect(Collectors.joining(", ", "[", "]"));
        }
    }

    public static final class Builder {
        private final List<String> allOf = new ArrayList<>();
        private final List<List<String>> anyOf = new ArrayList<>();
        private final List<String> optional = new ArrayList<>();

        /** Files that must all be present. */
        public Builder all(String... patterns) {
            allOf.addAll(List.of(patterns));
            return this;
        }

        /** A group of which at least one file must be present. */
        public Builder any(String... patterns) {
            anyOf.add(List.of(patterns));
            return this;
        }

        /**
         * A resource in either layout (contract §8.2), as {@link ArchiveFiles#resource(String)} reads it:
         * {@code config/version} needs {@code config/version.json} or a {@code config/version/*.json}.
         */
        public Builder resource(String name) {
            return any(name + ".json", name + "/*.json");
        }

        public Builder optional(String... patterns) {
            optional.addAll(List.of(patterns));
            return this;
        }

        /** A resource that is read when present, in either layout. */
        public Builder optionalResource(String name) {
            return optional(name + ".json", name + "/*.json");
        }

        public Requirements build() {
            return new Requirements(allOf, anyOf, optional);
        }
    }
}
