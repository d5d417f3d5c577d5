// parley features: the maintainer's view of src/code/event_model.h. For each
// event the rules emit (the event model off), its features, as the model
// sees them at run time; train/tools/train.py learns from these lines.
#ifndef PARLEY_CLI_LEARN_COMMANDS_H_
#define PARLEY_CLI_LEARN_COMMANDS_H_

#include <CLI/CLI.hpp>
#include <string>

namespace parley {

// Adds the hidden subcommand `features` to `app`; `data_dir` is the global
// --data option ("" = found as usual); the exit status goes to *exit_code.
void RegisterLearnCommands(CLI::App& app, const std::string* data_dir, int* exit_code);

}  // namespace parley

#endif  // PARLEY_CLI_LEARN_COMMANDS_H_
