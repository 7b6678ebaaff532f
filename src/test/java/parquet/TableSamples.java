package parquet;

import org.apache.avro.generic.GenericRecord;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Rows of every table, from the example messages of the mapper tests: the input of the file tests. */
final class TableSamples {

    private TableSamples() {
    }

    static Map<ParquetTable, List<TableRow>> rows() {
        List<MappedRows> mapped = new ArrayList<>();
        Stream.concat(SpecTables.ruleHitsMessages().stream(), SpecTables.archivesMessages().stream())
                .map(TableRows::fromRules).forEach(mapped::add);
        Stream.of(SpecTables.clusterInfoMessages(), SpecTables.alertsMessages(),
                        List.of(SpecTables.focMessage(), SpecTables.gatherersMessage(), WorkloadTablesTest.namespacesMessage(),
                                WorkloadTablesTest.imagesMessage(), UpdateTablesTest.updatesMessage()))
                .flatMap(List::stream).map(TableRows::fromFeatures).forEach(mapped::add);
        mapped.add(TableRows.fromThanos(SpecTables.thanosRows()));

        Map<ParquetTable, List<TableRow>> out = new EnumMap<>(ParquetTable.class);
        for (MappedRows rows : mapped) {
            rows.byTable().forEach((table, list) -> out.computeIfAbsent(table, t -> new ArrayList<>()).addAll(list));
        }
        return out;
    }

    static List<GenericRecord> records(ParquetTable table) {
        List<TableRow> rows = rows().get(table);
        if (rows == null || rows.isEmpty()) {
            throw new IllegalStateException("no sample rows for " + table);
        }
        return rows.stream().map(TableRow::record).toList();
    }
}
