package contract;

import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;

import java.util.regex.Pattern;

/**
 * JDK regular expressions with the ECMA-262 meaning of {@code $}.
 * JSON Schema patterns are ECMA-262, where {@code $} (without the m flag) is the
 * end of the input. In java.util.regex it also matches before a final line break,
 * so {@code ^<uuid>$} would accept a UUID followed by "\n". Unescaped {@code $}
 * outside character classes is therefore compiled as {@code \z}.
 */
final class EcmaAnchoredRegexFactory implements RegularExpressionFactory {

    @Override
    public RegularExpression getRegularExpression(String regex) {
        Pattern pattern = Pattern.compile(toJava(regex));
        // JSON Schema "pattern" searches; the schemas anchor with ^...$ themselves.
        return value -> pattern.matcher(value).find();
    }

    static String toJava(String regex) {
        StringBuilder out = new StringBuilder(regex.length() + 4);
        boolean inClass = false;
        for (int i = 0; i < regex.length(); i++) {
            char ch = regex.charAt(i);
            if (ch == '\\' && i + 1 < regex.length()) {
                out.append(ch).append(regex.charAt(++i));
                continue;
            }
            if (inClass) {
                inClass = ch != ']';
            } else if (ch == '[') {
                inClass = true;
            } else if (ch == '$') {
                out.append("\\z");
                continue;
            }
            out.append(ch);
        }
        return out.toString();
    }
}
