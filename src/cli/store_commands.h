// store_commands.h: RegisterStoreCommands — the `ingest`, `query` and
// `export` subcommands over a Store (include/parley/store.h).
#ifndef PARLEY_CLI_STORE_COMMANDS_H_
#define PARLEY_CLI_STORE_COMMANDS_H_

#include <CLI/CLI.hpp>

namespace parley {

// Adds to `app`:
//   ingest FILE.jsonl... --store URI   store `parley code` output; exit 0 all
//                                      stored, 1 if any article failed, 2 if
//                                      the store or a file could not be used
//   query --store URI [filters] [--raw] [--format table|jsonl|csv]
//   export --store URI --format gdelt|csv|json|jsonl [--raw] [--out FILE]
// Each subcommand's callback sets *exit_code. Reads the value of a global
// `--data DIR` option of `app` if there is one (for countries.tsv).
void RegisterStoreCommands(CLI::App& app, int* exit_code);

}  // namespace parley

#endif  // PARLEY_CLI_STORE_COMMANDS_H_
