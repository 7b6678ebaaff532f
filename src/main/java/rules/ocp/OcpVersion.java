package rules.ocp;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An OpenShift release version, e.g. {@code 4.7.16} or {@code 4.10.0-fc.4}; only major.minor matter here. */
record OcpVersion(int major, int minor) implements Comparable<OcpVersion> {

    private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)(?:\\.\\d+)?(?:[-+].*)?");

    static Optional<OcpVersion> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = VERSION.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new OcpVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public int compareTo(OcpVersion other) {
        return major != other.major ? Integer.compare(major, other.major) : Integer.compare(minor, other.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
