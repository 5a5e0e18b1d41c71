#include "args.h"
#include "bitfold/error.h"
#include "commands.h"
#include "remote_forward.h"

#include <ostream>

namespace bitfold::cli {

namespace {
int help(const Argv&, std::ostream& out) {
    out << "bitfold-cli: predict, explore and run FINN-style quantized neural-network accelerators\n\n"
           "usage: bitfold-cli COMMAND [--option value ...]\n\ncommands:\n";
    for (const Command& c : commands())
        out << "  " << c.name << std::string(14 - std::string(c.name).size(), ' ') << c.summary << '\n';
    out << "\nExample: bitfold-cli estimate --network cnv --weights 1 --acts 1 --device pynq-z1 --clock 100\n";
    return 0;
}
int versionCommand(const Argv&, std::ostream& out) {
    out << "bitfold-cli " << BITFOLD_VERSION << '\n';
    return 0;
}
} // namespace

const std::vector<Command>& commands() {
    static const std::vector<Command> list = {
        {"networks", "list the shipped networks (--format table|json)", networksCommand},
        {"devices", "list the shipped devices (--format table|json)", devicesCommand},
        {"estimate", "predict cycles, FPS, latency and resources of one design", estimateCommand},
        {"fold", "find the folding (PE, SIMD) with the highest FPS that fits, or reaching --target-fps", foldCommand},
        {"sweep", "fold and estimate every network x precision x width x device x clock", sweepCommand},
        {"pareto", "the Pareto front of a sweep over --objectives (default accuracy,fps)", paretoCommand},
        {"scaling", "predicted FPS across the shipped devices and fractions of a VU9P", scalingCommand},
        {"tradeoff", "for each precision, the cheapest network reaching an accuracy (Su et al.)", tradeoffCommand},
        {"simulate", "C-simulate the accelerator, bit-exact against the golden reference, cycles counted",
         simulateCommand},
        {"calibrate", "fit the bitfold model on published designs; leave-one-design-out table", calibrateCommand},
        {"import", "import a QONNX / FINN-ONNX model: MODEL.onnx --out DIR [--format json]", importCommand},
        {"export-finn", "write FINN's folding_config.json and a build config for a design (--out DIR)",
         exportFinnCommand},
        {"export-qonnx", "write a parameter package as QONNX/FINN-ONNX (--params DIR --out FILE)", exportQonnxCommand},
        {"version", "the Bitfold version", versionCommand},
        {"help", "this text", help},
    };
    return list;
}

int run(const Argv& argv, std::ostream& out, std::ostream& err) {
    const std::string name = argv.empty() ? "help" : argv[0];
    const Argv rest(argv.begin() + (argv.empty() ? 0 : 1), argv.end());
    for (const Command& c : commands()) {
        if (name != c.name && !(name == "--help" && std::string(c.name) == "help")) continue;
        try {
            return wantsRemote(rest) ? remoteCommand(c.name, rest, out, err) : c.run(rest, out);
        } catch (const HelpRequested& h) {
            out << "usage: bitfold-cli " << c.name << " [--option value ...]\n"
                << c.summary << "\n\noptions:\n"
                << h.usage;
            return 0;
        } catch (const Error& e) {
            err << "bitfold-cli: " << e.what() << '\n';
            return 2;
        } catch (const std::exception& e) {
            err << "bitfold-cli: internal error: " << e.what() << '\n';
            return 1;
        }
    }
    err << "bitfold-cli: unknown command '" << name << "' (try: bitfold-cli help)\n";
    return 2;
}

} // namespace bitfold::cli
