// cluster_commands.h: RegisterClusterCommands — `submit`, `worker` and
// `cluster status` (src/cluster/cluster.h), in builds with hiredis.
#ifndef PARLEY_CLI_CLUSTER_COMMANDS_H_
#define PARLEY_CLI_CLUSTER_COMMANDS_H_

#include <CLI/CLI.hpp>
#include <string>

namespace parley {

// `data_dir` is the global --data value, read when a worker starts.
void RegisterClusterCommands(CLI::App& app, const std::string* data_dir, int* exit_code);

}  // namespace parley

#endif  // PARLEY_CLI_CLUSTER_COMMANDS_H_
