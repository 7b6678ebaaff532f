package archive;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Samples of a Prometheus text exposition (the {@code /federate} output in {@code config/metrics}):
 * {@code name{label="value",...} value [timestamp_ms]} per line, {@code #} lines ignored.
 */
public record PrometheusText(List<Sample> samples) {

    public PrometheusText {
        samples = List.copyOf(samples);
    }

    /** One line. {@code labels} keep their order; {@code timestampMs} is null when absent. */
    public record Sample(String name, Map<String, String> labels, double value, Long timestampMs) {
        public Sample {
            labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        }
    }

    /** The samples of one metric, in file order. */
    public List<Sample> named(String metric) {
        List<Sample> out = new ArrayList<>();
        for (Sample sample : samples) {
            if (sample.name().equals(metric)) {
                out.add(sample);
            }
        }
        return out;
    }

    /** Parses the text format; a malformed line throws {@link IllegalArgumentException} naming its line number. */
    public static PrometheusText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        int lineNumber = 0;
        for (String line : text.split("\n", -1)) {
            lineNumber++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            try {
                samples.add(new LineParser(trimmed).sample());
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                throw new IllegalArgumentException("line " + lineNumber + ": " + e.getMessage(), e);
            }
        }
        return new PrometheusText(samples);
    }

    private static final class LineParser {
        private final String line;
        private int pos;

        LineParser(String line) {
            this.line = line;
        }

        Sample sample() {
            String name = name();
            Map<String, String> labels = new LinkedHashMap<>();
            if (pos < line.length() && line.charAt(pos) == '{') {
                pos++;
                labels(labels);
            }
            skipBlanks(true);
            String valueToken = token();
            double value = value(valueToken);
            Long timestamp = null;
            skipBlanks(false);
            if (pos < line.length()) {
                String ts = token();
                try {
                    timestamp = Long.parseLong(ts);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad timestamp '" + ts + "'");
                }
                skipBlanks(false);
                if (pos < line.length()) {
                    throw new IllegalArgumentException("unexpected text after the timestamp");
                }
            }
            return new Sample(name, labels, value, timestamp);
        }

        private String name() {
            int start = pos;
            while (pos < line.length() && isNameChar(line.charAt(pos), pos == start)) {
                pos++;
            }
            if (pos == start) {
                throw new IllegalArgumentException("no metric name");
            }
            return line.substring(start, pos);
        }

        private void labels(Map<String, String> labels) {
            while (true) {
                skipBlanks(false);
                if (line.charAt(pos) == '}') {
                    pos++;
                    return;
                }
                String label = name();
                skipBlanks(false);
                expect('=');
                skipBlanks(false);
                expect('"');
                StringBuilder value = new StringBuilder();
                while (line.charAt(pos) != '"') {
                    char c = line.charAt(pos++);
                    if (c == '\\') {
                        char escaped = line.charAt(pos++);
                        value.append(escaped == 'n' ? '\n' : escaped);
                    } else {
                        value.append(c);
                    }
                }
                pos++;
                labels.put(label, value.toString());
                skipBlanks(false);
                if (line.charAt(pos) == ',') {
                    pos++;
                } else if (line.charAt(pos) != '}') {
                    throw new IllegalArgumentException("expected ',' or '}' at column " + (pos + 1));
                }
            }
        }

        private void expect(char c) {
            if (line.charAt(pos) != c) {
                throw new IllegalArgumentException("expected '" + c + "' at column " + (pos + 1));
            }
            pos++;
        }

        private void skipBlanks(boolean required) {
            int start = pos;
            while (pos < line.length() && (line.charAt(pos) == ' ' || line.charAt(pos) == '\t')) {
                pos++;
            }
            if (required && pos == start) {
                throw new IllegalArgumentException("expected a blank before the value at column " + (pos + 1));
            }
        }

        private String token() {
            int start = pos;
            while (pos < line.length() && line.charAt(pos) != ' ' && line.charAt(pos) != '\t') {
                pos++;
            }
            if (pos == start) {
                throw new IllegalArgumentException("missing value");
            }
            return line.substring(start, pos);
        }

        private static double value(String token) {
            return switch (token) {
                case "NaN" -> Double.NaN;
                case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                default -> {
                    try {
                        yield Double.parseDouble(token);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("bad value '" + token + "'");
                    }
                }
            };
        }

        private static boolean isNameChar(char c, boolean first) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':'
                    || !first && c >= '0' && c <= '9';
        }
    }
}
