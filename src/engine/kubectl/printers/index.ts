/**
 * kubectl's output layer, byte-identical to kubectl 1.33: durations, tables, row printers, `-o`
 * formats and describe. Pure functions of the objects and `now` (virtual ms on the engine clock).
 */
export { humanDuration, shortHumanDuration, translateTimestampSince, translateTimestampUntil } from './duration'
export { printTables, formatCell, type Table, type TableGroup, type TableRow, type TablePrintOptions, type TableOutput, type ColumnDefinition, type Cell } from './table'
export { printers, buildTable, customResourcePrinter, defaultTablePrinter, type RowPrinter } from './registry'
export { podStatusText } from './podstatus'
export { formatOutput, OutputError, evalJsonPath, nameOf, listOf, toYaml, toJSON, executeJSONPath, printCustomColumns, GET_FORMATS, type OutputOptions } from './output'
export * from './describe/index'
