package rules;

import archive.ArchiveFiles;
import archive.JsonParts;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a rule sees of one archive: its files, and when it was collected (the Ceph path's timestamp,
 * contract §3.3), the reference time for age checks such as end of support or a stuck update.
 */
public record RuleContext(ArchiveFiles files, Instant collectedAt) {

    /** A resource in either layout ({@link ArchiveFiles#resource(String)}). */
    public Optional<JsonNode> resource(String name) {
        return files.resource(name);
    }

    /** Every JSON file matching {@code glob}, by path, sorted. */
    public Map<String, JsonNode> jsonFiles(String glob) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (String path : files.paths(glob)) {
            out.put(path, files.json(path).orElseThrow());
        }
        return out;
    }

    /** As {@link #jsonFiles(String)}, parsing only {@code parts} of each file ({@link ArchiveFiles#json(String, JsonParts)}). */
    public Map<String, JsonNode> jsonFiles(String glob, JsonParts parts) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (String path : files.paths(glob)) {
            out.put(path, files.json(path, parts).orElseThrow());
        }
        return out;
    }
}
