// Child processes of the C simulation (see child_process.h).
#include "child_process.h"

#include "bitfold/sim_runner.h"

#include <cstring>

#include <sys/wait.h>

namespace bitfold {

std::string signalName(int sig) {
    const char* s = ::strsignal(sig);
    return "signal " + std::to_string(sig) + (s ? std::string(" (") + s + ")" : std::string());
}

/// Runs a command to completion; returns its wait status and combined output.
int runCommand(const std::vector<std::string>& argv, std::string& output, const std::atomic<bool>* cancel) {
    Child child(argv, true);
    std::string err;
    while (child.poll(output, err, 50))
        if (cancelled(cancel)) {
            child.kill();
            throw SimCancelled();
        }
    return child.wait();
}

} // namespace bitfold
