package rules.ocp;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** An IPv4 or IPv6 network, e.g. {@code 10.128.0.0/14}; a bare address is a /32 (/128). */
record Cidr(String text, BigInteger first, int prefix, int bits) {

    // Only literal addresses: InetAddress.getByName must never do a DNS lookup here.
    private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F:.]+");

    static Optional<Cidr> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        if (!LITERAL.matcher(address).matches() || !(address.contains(".") || address.contains(":"))) {
            return Optional.empty();
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            int bits = bytes.length * 8;
            int prefix = slash < 0 ? bits : Integer.parseInt(trimmed.substring(slash + 1));
            if (prefix < 0 || prefix > bits) {
                return Optional.empty();
            }
            BigInteger value = new BigInteger(1, bytes);
            BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                    .xor(BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE));
            return Optional.of(new Cidr(trimmed, value.and(mask), prefix, bits));
        } catch (UnknownHostException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    BigInteger last() {
        return first.add(size()).subtract(BigInteger.ONE);
    }

    BigInteger size() {
        return BigInteger.ONE.shiftLeft(bits - prefix);
    }

    boolean overlaps(Cidr other) {
        return bits == other.bits && first.compareTo(other.last()) <= 0 && other.first.compareTo(last()) <= 0;
    }

    boolean contains(Cidr other) {
        return bits == other.bits && first.compareTo(other.first) <= 0 && last().compareTo(other.last()) >= 0;
    }

    @Override
    public String toString() {
        return text;
    }
}
