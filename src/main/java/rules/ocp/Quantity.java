package rules.ocp;

import java.math.BigDecimal;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Kubernetes resource quantities ({@code 16409932Ki}, {@code 7500m}, {@code 8}, {@code 1e3}) as plain numbers. */
final class Quantity {

    private static final Pattern QUANTITY = Pattern.compile("([+-]?[0-9.]+(?:[eE][+-]?[0-9]+)?)([a-zA-Z]*)");
    private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
            Map.entry("", BigDecimal.ONE),
            Map.entry("m", new BigDecimal("0.001")),
            Map.entry("k", BigDecimal.TEN.pow(3)), Map.entry("M", BigDecimal.TEN.pow(6)),
            Map.entry("G", BigDecimal.TEN.pow(9)), Map.entry("T", BigDecimal.TEN.pow(12)),
            Map.entry("P", BigDecimal.TEN.pow(15)), Map.entry("E", BigDecimal.TEN.pow(18)),
            Map.entry("Ki", BigDecimal.valueOf(2).pow(10)), Map.entry("Mi", BigDecimal.valueOf(2).pow(20)),
            Map.entry("Gi", BigDecimal.valueOf(2).pow(30)), Map.entry("Ti", BigDecimal.valueOf(2).pow(40)),
            Map.entry("Pi", BigDecimal.valueOf(2).pow(50)), Map.entry("Ei", BigDecimal.valueOf(2).pow(60)));

    private Quantity() {
    }

    static OptionalDouble parse(String text) {
        if (text == null) {
            return OptionalDouble.empty();
        }
        Matcher m = QUANTITY.matcher(text.trim());
        if (!m.matches() || !SUFFIXES.containsKey(m.group(2))) {
            return OptionalDouble.empty();
        }
        try {
            return OptionalDouble.of(new BigDecimal(m.group(1)).multiply(SUFFIXES.get(m.group(2))).doubleValue());
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }
}
