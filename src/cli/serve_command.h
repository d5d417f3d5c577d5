// parley serve: the command-line face of src/server/.
#ifndef PARLEY_CLI_SERVE_COMMAND_H_
#define PARLEY_CLI_SERVE_COMMAND_H_

#include <CLI/CLI.hpp>

namespace parley {

// Adds `serve` to `app`; its callback stores the exit status in *exit_code.
void RegisterServeCommand(CLI::App& app, int* exit_code);

}  // namespace parley

#endif  // PARLEY_CLI_SERVE_COMMAND_H_
