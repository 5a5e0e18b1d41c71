// The C simulation's JSON lines (bitfold/sim_protocol.h), read as runSimulation does: line by
// line until the first Error. The first two bytes choose how many images and outputs were sent.
#include "bitfold/sim_protocol.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2) return 0;
    bitfold::SimProtocol protocol(data[0] % 128, data[1] % 16);
    const std::string in = bitfold::fuzz::text(data + 2, size - 2);
    bitfold::fuzz::expectOnlyErrors([&] {
        for (std::size_t at = 0; at < in.size();) {
            const std::size_t nl = std::min(in.find('\n', at), in.size());
            if (protocol.read(in.substr(at, nl - at)) == bitfold::SimProtocol::Event::Batch) {
                const bitfold::SimBatch& b = protocol.batch();
                if (b.first < 0 || b.imagesDone > data[0] % 128 || b.outputs.size() != b.labels.size())
                    __builtin_trap();
            }
            at = nl + 1;
        }
    });
    return 0;
}
