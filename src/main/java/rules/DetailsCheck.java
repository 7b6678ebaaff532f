package rules;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The typed keys the contract checks inside hit and info {@code details} (contract §12.1). A rule
 * that breaks them would make the whole message fail its contract check, so the engine refuses that
 * one result instead.
 */
final class DetailsCheck {

    private static final List<String> HIT_STRINGS = List.of("current", "desired", "link", "kcs", "kcs_link");
    private static final List<String> HIT_OBJECTS = List.of("info", "op");
    private static final List<String> HIT_OBJECT_ARRAYS = List.of("nodes", "nodes_with_different_version", "forced_versions");
    private static final List<String> INFO_STRINGS = List.of("current", "desired", "grafana_link", "update_time");
    private static final List<String> RESERVED = List.of("type", "error_key", "info_key");

    private DetailsCheck() {
    }

    static Optional<String> hitProblem(Map<String, Object> details) {
        return reserved(details)
                .or(() -> typed(details, HIT_STRINGS, HIT_OBJECTS, HIT_OBJECT_ARRAYS));
    }

    static Optional<String> infoProblem(Map<String, Object> details) {
        Object clusterId = details.get("cluster_id");
        if (details.containsKey("cluster_id") && !(clusterId instanceof String s && model.ClusterId.isValid(s))) {
            return Optional.of("details.cluster_id must be a UUID string, was " + clusterId);
        }
        return reserved(details).or(() -> typed(details, INFO_STRINGS, List.of(), List.of("nodes")));
    }

    private static Optional<String> reserved(Map<String, Object> details) {
        return RESERVED.stream().filter(details::containsKey).findFirst()
                .map(key -> "details." + key + " is set by the engine, not the rule");
    }

    private static Optional<String> typed(Map<String, Object> details, List<String> strings,
                                          List<String> objects, List<String> objectArrays) {
        for (String key : strings) {
            if (details.containsKey(key) && !(details.get(key) instanceof String)) {
                return Optional.of("details." + key + " must be a string, was " + details.get(key));
            }
        }
        for (String key : objects) {
            if (details.containsKey(key) && !(details.get(key) instanceof Map)) {
                return Optional.of("details." + key + " must be an object, was " + details.get(key));
            }
        }
        for (String key : objectArrays) {
            if (details.containsKey(key) && !(details.get(key) instanceof List<?> list
                    && list.stream().allMatch(item -> item instanceof Map))) {
                return Optional.of("details." + key + " must be an array of objects, was " + details.get(key));
            }
        }
        return Optional.empty();
    }
}
