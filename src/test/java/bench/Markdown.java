package bench;

import java.util.ArrayList;
import java.util.List;

/** The generated docs/benchmarks.md, section by section. */
final class Markdown {
    private final StringBuilder out = new StringBuilder();

    Markdown line(String format, Object... args) {
        out.append(args.length == 0 ? format : String.format(format, args)).append('\n');
        return this;
    }

    Markdown blank() {
        out.append('\n');
        return this;
    }

    Markdown heading(String title) {
        return blank().line("## " + title).blank();
    }

    Markdown table(List<String> headers, List<List<String>> rows) {
        line("| " + String.join(" | ", headers) + " |");
        List<String> rule = new ArrayList<>();
        headers.forEach(h -> rule.add("---"));
        line("|" + String.join("|", rule) + "|");
        for (List<String> row : rows) {
            line("| " + String.join(" | ", row) + " |");
        }
        return blank();
    }

    Markdown code(String text) {
        return line("```").line(text.stripTrailing()).line("```").blank();
    }

    /** Raw output, folded. */
    Markdown details(String summary, String text) {
        return line("<details><summary>%s</summary>", summary).blank().code(text).line("</details>").blank();
    }

    @Override
    public String toString() {
        return out.toString();
    }

    static String f(String format, Object... args) {
        return String.format(format, args);
    }

    /** "1.23× ✅" or "0.5× ❌ (goal ≥ 0.9×)". */
    static String ratio(double value, double goal, boolean atLeast) {
        boolean met = atLeast ? value >= goal : value <= goal;
        return String.format("%.2f× %s", value, met ? "(goal met)" : "(MISSED: goal " + (atLeast ? "≥ " : "≤ ") + goal + "×)");
    }
}
