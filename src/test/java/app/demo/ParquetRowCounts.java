package app.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;

/** Row counts per table of the Parquet files the demo dumped, read from each file's footer. */
final class ParquetRowCounts {
    private ParquetRowCounts() {
    }

    static Map<String, Long> perTable(Path buckets) throws IOException {
        Map<String, Long> counts = new TreeMap<>();
        if (!Files.isDirectory(buckets)) {
            return counts;
        }
        try (Stream<Path> files = Files.walk(buckets)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".parquet")).toList()) {
                // <prefix>/<table>/hourly/date=…/hour=…/<table>-<n>.parquet
                String table = file.getParent().getParent().getParent().getParent().getFileName().toString();
                try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
                    counts.merge(table, reader.getRecordCount(), Long::sum);
                }
            }
        }
        return counts;
    }
}
