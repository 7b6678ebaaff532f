package contract;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The code cites the contract by section ({@code §13.4}); docs/contract.md keeps the spec's
 * numbering in its headings ({@code ### §13.4 Table definitions}). Every {@code §N(.N)*} in the
 * repository's sources, manifests, scripts and docs must name one of those headings, and no two
 * headings may be the same.
 */
class ContractReferencesTest {

    private static final Path CONTRACT = Path.of("docs/contract.md");
    private static final List<Path> SCANNED = Stream.of("src/main", "src/test", "kamelets", "k8s", "scripts",
            "tools", "README.md", "docs").map(Path::of).toList();
    private static final Set<String> SKIPPED_DIRS = Set.of("node_modules", "target", ".git");

    private static final Pattern REFERENCE = Pattern.compile("§ ?([0-9]+(?:\\.[0-9]+)*)");
    private static final Pattern HEADING = Pattern.compile("^(#{1,6}) (.*?)\\s*$");
    private static final Pattern HEADING_NUMBER = Pattern.compile("^§([0-9]+(?:\\.[0-9]+)*) ");
    /** A section of another document ({@code RFC 4122 §4.3}, {@code docs/benchmarks.md §2}): not ours. */
    private static final Pattern OTHER_DOCUMENT = Pattern.compile("(RFC ?[0-9]+|[A-Za-z0-9_./-]+\\.md) $");
    /** The spec's VALIDATION.md numbers its sections differently: such a reference has no heading here. */
    private static final Pattern VALIDATION_NUMBERING = Pattern.compile("VALIDATION(\\.md)?[ ,'s]*$");

    @Test
    void everySectionReferenceHasAHeadingInTheContract() throws IOException {
        Set<String> sections = new HashSet<>(headingsByNumber().keySet());
        List<String> unresolved = new ArrayList<>();
        int references = 0;
        for (Path root : SCANNED) {
            for (Path file : textFiles(root)) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = REFERENCE.matcher(lines.get(i));
                    while (m.find()) {
                        String before = lines.get(i).substring(0, m.start());
                        if (isOtherDocument(before)) {
                            continue;
                        }
                        references++;
                        String where = file + ":" + (i + 1) + " " + m.group();
                        if (VALIDATION_NUMBERING.matcher(before).find()) {
                            unresolved.add(where + " (VALIDATION numbering: cite the contract's section)");
                        } else if (!sections.contains(m.group(1))) {
                            unresolved.add(where);
                        }
                    }
                }
            }
        }
        assertThat(references).as("§ references found").isGreaterThan(100);
        assertThat(unresolved)
                .withFailMessage("§ references without a heading '§N… title' in " + CONTRACT + ":\n  "
                        + String.join("\n  ", unresolved) + "\n")
                .isEmpty();
    }

    @Test
    void contractHeadingsAreUnique() throws IOException {
        List<String> duplicates = new ArrayList<>();
        Set<String> titles = new HashSet<>();
        for (String heading : headings()) {
            if (!titles.add(heading)) {
                duplicates.add("heading twice: " + heading);
            }
        }
        Map<String, List<String>> byNumber = headingsByNumber();
        byNumber.forEach((number, list) -> {
            if (list.size() > 1) {
                duplicates.add("§" + number + " heads " + list.size() + " sections: " + list);
            }
        });
        assertThat(byNumber).as("numbered headings").containsKeys("1", "4.1", "13.4", "15.13");
        assertThat(duplicates).withFailMessage("in " + CONTRACT + ":\n  " + String.join("\n  ", duplicates) + "\n").isEmpty();
    }

    private static boolean isOtherDocument(String before) {
        Matcher m = OTHER_DOCUMENT.matcher(before);
        return m.find() && !m.group(1).endsWith("contract.md") && !m.group(1).endsWith("PIPELINE.md")
                && !VALIDATION_NUMBERING.matcher(before).find();
    }

    /** The heading lines of the contract (outside fenced code), without their {@code #} marks. */
    private static List<String> headings() throws IOException {
        List<String> out = new ArrayList<>();
        boolean fenced = false;
        for (String line : Files.readAllLines(CONTRACT, StandardCharsets.UTF_8)) {
            if (line.startsWith("```")) {
                fenced = !fenced;
            }
            Matcher m = HEADING.matcher(line);
            if (!fenced && m.matches()) {
                out.add(m.group(2));
            }
        }
        return out;
    }

    private static Map<String, List<String>> headingsByNumber() throws IOException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String heading : headings()) {
            Matcher m = HEADING_NUMBER.matcher(heading);
            if (m.find()) {
                out.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(heading);
            }
        }
        return out;
    }

    /** Regular files under {@code root} (or {@code root} itself) that hold text, not bytes. */
    private static List<Path> textFiles(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile)
                    .filter(p -> {
                        for (Path part : p) {
                            if (SKIPPED_DIRS.contains(part.toString())) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .filter(ContractReferencesTest::isText)
                    .sorted()
                    .toList();
        }
    }

    private static boolean isText(Path file) {
        try {
            if (Files.size(file) > 4 * 1024 * 1024) {
                return false;
            }
            byte[] bytes = Files.readAllBytes(file);
            for (byte b : bytes) {
                if (b == 0) {
                    return false;
                }
            }
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)) != null;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
