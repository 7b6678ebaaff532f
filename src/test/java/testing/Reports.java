package testing;

import devservers.ProjectPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The Markdown reports the long suites (fault suite, topology test) leave in target/. */
public final class Reports {
    private Reports() {
    }

    /** Appends the "Problems" section ("none" when there are none), writes the report to {@code target/<name>} and prints it. */
    public static void finish(StringBuilder md, List<String> problems, String name) throws IOException {
        md.append("\n## Problems\n\n");
        if (problems.isEmpty()) {
            md.append("none\n");
        }
        problems.forEach(p -> md.append("- ").append(p).append('\n'));
        Path file = ProjectPaths.projectDir().resolve("target/" + name);
        Files.writeString(file, md, StandardCharsets.UTF_8);
        System.out.println(md);
    }
}
