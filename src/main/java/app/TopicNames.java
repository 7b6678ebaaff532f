package app;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;

/**
 * Kafka topic names of the pipeline: one pattern with the environment and the channel in it
 * (default {@code ccx-{env}-insights-operator-{channel}}, contract §2) and a list of environments.
 */
public final class TopicNames {
    public static final String ARCHIVE_NEW = "archive-new";
    public static final String ARCHIVE_SYNCED = "archive-synced";
    public static final String RULES_RESULTS = "archive-rules-results";
    public static final String FEATURES = "archive-features";
    /** 2024 shape (contract §14): the multiplexor's outputs, Insights Operator and OpenShift Lightspeed archives. */
    public static final String IO_ARCHIVE_NEW = "io-archive-new";
    public static final String OLS_ARCHIVE_NEW = "ols-archive-new";

    private final String pattern;
    private final List<String> envs;
    private final Pattern parser;
    private final Topology topology;

    public TopicNames(String pattern, String envsCsv) {
        this(pattern, envsCsv, Topology.BASELINE);
    }

    /** The shape's topics; an empty pattern or environment list is the shape's own. */
    public static TopicNames of(Topology topology, String pattern, String envsCsv) {
        return new TopicNames(pattern == null || pattern.isBlank() ? topology.topicPattern() : pattern.trim(),
                envsCsv == null || envsCsv.isBlank() ? topology.envs() : envsCsv, topology);
    }

    public TopicNames(String pattern, String envsCsv, Topology topology) {
        this.topology = topology;
        if (!pattern.contains("{env}") || !pattern.contains("{channel}")) {
            throw new IllegalArgumentException("topic pattern needs {env} and {channel}: " + pattern);
        }
        this.pattern = pattern;
        this.envs = Arrays.stream(envsCsv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (envs.isEmpty()) {
            throw new IllegalArgumentException("no environment configured (ccx.envs)");
        }
        this.parser = Pattern.compile("^" + Pattern.quote(pattern).replace("{env}", "\\E(?<env>[^.]+?)\\Q")
                .replace("{channel}", "\\E(?<channel>.+)\\Q") + "$");
    }

    public List<String> envs() {
        return envs;
    }

    public Topology topology() {
        return topology;
    }

    public String topic(String env, String channel) {
        return pattern.replace("{env}", env).replace("{channel}", topology.channelName(channel));
    }

    /** The channel's topic in every configured environment. */
    public List<String> topics(String channel) {
        return envs.stream().map(env -> topic(env, channel)).toList();
    }

    /** Comma-separated, as the camel-kafka consumer takes several topics. */
    public String topicsCsv(String channel) {
        return String.join(",", topics(channel));
    }

    /** The topic of {@code channel} in the environment of the message's consumed topic (its {@code kafka.TOPIC} header). */
    public Function<Message, Object> inConsumedEnvironment(String channel) {
        return message -> sameEnvironment(message.getHeader(KafkaConstants.TOPIC, String.class), channel);
    }

    /** The topic of {@code channel} in the environment of a consumed topic. */
    public String sameEnvironment(String consumedTopic, String channel) {
        return topic(envOf(consumedTopic), channel);
    }

    /**
     * The exchange property holding the topic a message of {@code channel} goes to, set per message
     * (e.g. the channel in the consumed message's environment).
     */
    public static String targetProperty(String channel) {
        return "ccxTopic_" + channel.replace('-', '_');
    }

    /**
     * The producer's topic for {@code channel}, read from {@link #targetProperty}: in a
     * {@code toD(kafka(…))} camel-kafka keeps one endpoint (one producer) for the channel and sends
     * each message to its topic (the override-topic header).
     */
    public static String targetTopic(String channel) {
        return "${exchangeProperty." + targetProperty(channel) + "}";
    }

    /** The channel of a topic (e.g. {@code archive-new}), empty for topics outside the pattern. */
    public java.util.Optional<String> channelOf(String topic) {
        Matcher m = parser.matcher(topic);
        return m.matches() ? java.util.Optional.of(topology.channelOfName(m.group("channel"))) : java.util.Optional.empty();
    }

    /** The environment a topic belongs to, so a consumer of several envs answers in the same env. */
    public String envOf(String topic) {
        Matcher m = parser.matcher(topic);
        if (!m.matches()) {
            throw new IllegalArgumentException("topic " + topic + " does not follow " + pattern);
        }
        return m.group("env");
    }
}
