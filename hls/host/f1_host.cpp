// bitfold-f1-host: runs a built accelerator (xclbin / awsxclbin) on an FPGA through the native
// XRT C++ API (xrt::device, xrt::xclbin, xrt::kernel, xrt::bo, xrt::run) and speaks the
// accelerator protocol of the C simulation (docs/accelerator.md) as JSON lines: start, batch
// (labels, outputs), done (measured FPS, accuracy, bit-exactness against the golden
// reference), or error. Each batch is split across the xclbin's compute units (copies of
// bitfold_top, each with its own buffers on its own DDR bank), which run concurrently.
// Without a usable device it reports an error event and exits with status 3.
//
// usage: bitfold-f1-host --xclbin FILE --params DIR [--images FILE|fashion-mnist] [--count K]
//                        [--batch N] [--device INDEX] [--compute-units N]
//        bitfold-f1-host --probe    (one JSON line: the XRT version and the devices it sees)
#include "bitfold/dataset.h"
#include "bitfold/error.h"
#include "bitfold/golden.h"
#include "bitfold/params.h"
#include "bitfold/sim_runner.h"

#include "xrt/xrt_bo.h"
#include "xrt/xrt_device.h"
#include "xrt/xrt_kernel.h"
#include "experimental/xrt_system.h"
#include "experimental/xrt_xclbin.h"
#include "version.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using json = nlohmann::json;
using bitfold::Error;

constexpr int kNoDevice = 3;

void emit(const json& j) { std::cout << j.dump() << std::endl; }

struct Options {
    std::string xclbin, params, images = "fashion-mnist";
    int count = 0; // 0 = all
    int batch = 1000;
    unsigned device = 0;
    int computeUnits = 0; // 0 = every bitfold_top instance of the xclbin
};

Options parse(int argc, char** argv) {
    Options o;
    std::map<std::string, std::string> v;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--help" || a == "-h")
            throw Error("usage",
                        "bitfold-f1-host --xclbin FILE --params DIR [--images FILE|fashion-mnist] "
                        "[--count K] [--batch N] [--device INDEX] [--compute-units N]");
        if (a.rfind("--", 0) != 0 || i + 1 >= argc) throw Error(a, "expected --option value");
        v[a.substr(2)] = argv[++i];
    }
    for (const auto& [key, value] : v) {
        if (key == "xclbin")
            o.xclbin = value;
        else if (key == "params")
            o.params = value;
        else if (key == "images")
            o.images = value;
        else if (key == "count")
            o.count = std::stoi(value);
        else if (key == "batch")
            o.batch = std::max(1, std::stoi(value));
        else if (key == "device")
            o.device = unsigned(std::stoul(value));
        else if (key == "compute-units")
            o.computeUnits = std::stoi(value);
        else
            throw Error("--" + key,
                        "unknown option (valid: --xclbin --params --images --count --batch --device "
                        "--compute-units)");
    }
    if (o.xclbin.empty()) throw Error("--xclbin", "required: the accelerator built by hls/f1/build.sh");
    if (o.params.empty()) throw Error("--params", "required: the parameter package the accelerator was built with");
    if (o.computeUnits < 0) throw Error("--compute-units", "must be at least 1 (or 0: every instance in the xclbin)");
    return o;
}

/// Images as the first layer takes them: 8-bit pixels, image after image.
bitfold::ImageSet loadImages(const Options& o) {
    bitfold::ImageSet s =
        o.images == "fashion-mnist" ? bitfold::loadFashionMnist("test", o.count) : bitfold::readImagesFile(o.images);
    if (o.count > 0 && o.count < s.count) {
        s.count = o.count;
        s.pixels.resize(std::size_t(s.count) * s.imageSize());
        if (!s.labels.empty()) s.labels.resize(std::size_t(s.count));
    }
    return s;
}

/// No usable device: reported as an error event, exit status kNoDevice.
struct NoDevice : std::runtime_error {
    using std::runtime_error::runtime_error;
};

xrt::device openDevice(unsigned index) {
    try {
        return xrt::device(index);
    } catch (const std::exception& e) {
        throw NoDevice("no usable Xilinx FPGA device (index " + std::to_string(index) + "): " + e.what() +
                       ". bitfold-f1-host runs on an AWS F1 instance with the XRT driver; see hls/f1/README.md");
    }
}

/// F1's DDR AXI port: the BITFOLD_PORT_BITS the accelerator's bitfold_config.h was
/// generated with (bitfold-cli simulate --device aws-f1 ... --emit).
constexpr std::size_t kPortBits = 512;
constexpr std::size_t kPortBytes = kPortBits / 8;

/// Bytes one image and one frame's results occupy in device memory: whole port words; a
/// word's bytes little-endian, so an image is its pixels, zero-padded, and the results are
/// uint32 slots (the logical outputs, then the label), zero-padded (docs/accelerator.md). The
/// host is little-endian too (x86 F1 instances), so both move with memcpy.
struct Layout {
    std::size_t imageBytes, outputs;
    std::size_t imageStride() const { return (imageBytes + kPortBytes - 1) / kPortBytes * kPortBytes; }
    std::size_t slots() const { return outputs + 1; }
    std::size_t resultStride() const { return (slots() * 4 + kPortBytes - 1) / kPortBytes * kPortBytes; }
};

/// The compute units to use: bitfold_top's instances in the xclbin ("bitfold_top_1", ...),
/// the first `wanted` of them (0: all).
std::vector<std::string> computeUnitNames(const xrt::xclbin& xclbin, const std::string& path, int wanted) {
    std::vector<std::string> names;
    bool hasTop = false;
    for (const xrt::xclbin::kernel& k : xclbin.get_kernels()) {
        if (k.get_name() != "bitfold_top") continue;
        hasTop = true;
        for (const xrt::xclbin::ip& cu : k.get_cus()) {
            const std::string name = cu.get_name(); // "bitfold_top:bitfold_top_1"
            const std::size_t colon = name.find(':');
            names.push_back(colon == std::string::npos ? name : name.substr(colon + 1));
        }
    }
    if (!hasTop) throw Error(path, "holds no bitfold_top kernel (build it with hls/f1/build.sh)");
    if (names.empty()) names.push_back(""); // no instance list: the kernel itself
    if (wanted > int(names.size()))
        throw Error("--compute-units",
                    std::to_string(wanted) + " requested, " + path + " holds " + std::to_string(names.size()) +
                        " bitfold_top instance(s)");
    if (wanted > 0) names.resize(std::size_t(wanted));
    return names;
}

/// One compute unit with its own buffers (in the memory bank its ports connect to), sized for
/// `capacity` images.
struct ComputeUnit {
    xrt::kernel kernel;
    xrt::bo images, results;
    ComputeUnit(const xrt::device& device, const xrt::uuid& uuid, const std::string& name, const Layout& l,
                std::size_t capacity)
        : kernel(device, uuid, name.empty() ? std::string("bitfold_top") : "bitfold_top:{" + name + "}"),
          images(device, capacity * l.imageStride(), kernel.group_id(0)),
          results(device, capacity * l.resultStride(), kernel.group_id(1)) {}
};

int run(const Options& o) {
    xrt::device device = openDevice(o.device);
    const bitfold::ParamPackage pkg = bitfold::loadPackage(o.params);
    const bitfold::Network& net = pkg.network;
    const bitfold::Layer& first = net.layers.front();
    const bitfold::Layer& last = net.layers.back();
    const Layout layout{std::size_t(first.kind == bitfold::LayerKind::Fc ? 1 : first.inDim * first.inDim) *
                            first.inChannels,
                        std::size_t(last.outPixels()) * last.outChannels};
    const bitfold::ImageSet set = loadImages(o);
    if (set.imageSize() != layout.imageBytes)
        throw Error("--images",
                    "images have " + std::to_string(set.imageSize()) + " pixels, network " + net.id + " takes " +
                        std::to_string(layout.imageBytes));
    const std::size_t count = std::size_t(set.count);

    if (!std::filesystem::exists(o.xclbin)) throw Error(o.xclbin, "no such xclbin");
    const xrt::xclbin xclbin(o.xclbin);
    const std::vector<std::string> cuNames = computeUnitNames(xclbin, o.xclbin, o.computeUnits);
    const xrt::uuid uuid = device.load_xclbin(xclbin);
    // Each batch is split into contiguous shares, one per compute unit.
    const std::size_t batch = std::size_t(o.batch), units = cuNames.size();
    const std::size_t share = (batch + units - 1) / units;
    std::vector<ComputeUnit> cus;
    for (const std::string& name : cuNames) cus.emplace_back(device, uuid, name, layout, share);

    emit({{"event", "start"},
          {"backend", "xrt"},
          {"images", count},
          {"image_bytes", layout.imageBytes},
          {"outputs", layout.outputs},
          {"xclbin", o.xclbin},
          {"compute_units", units},
          {"port_bits", kPortBits}});
    bitfold::GoldenRunner golden(pkg);
    const bool measureAccuracy = !set.labels.empty() && !pkg.dataset.empty();
    std::size_t correct = 0, mismatches = 0;
    double seconds = 0;
    for (std::size_t begin = 0; begin < count; begin += batch) {
        const std::size_t n = std::min(count - begin, batch);
        const std::size_t per = (n + units - 1) / units;
        std::vector<std::size_t> from(units), take(units);
        for (std::size_t c = 0; c < units; ++c) {
            from[c] = begin + std::min(n, c * per);
            take[c] = std::min(n, (c + 1) * per) - (from[c] - begin);
            auto* bytes = cus[c].images.map<std::uint8_t*>();
            std::memset(bytes, 0, take[c] * layout.imageStride());
            for (std::size_t k = 0; k < take[c]; ++k)
                std::memcpy(bytes + k * layout.imageStride(), set.image(int(from[c] + k)), layout.imageBytes);
            if (take[c] > 0) cus[c].images.sync(XCL_BO_SYNC_BO_TO_DEVICE, take[c] * layout.imageStride(), 0);
        }
        const auto t0 = std::chrono::steady_clock::now();
        std::vector<xrt::run> runs;
        for (std::size_t c = 0; c < units; ++c)
            if (take[c] > 0) runs.push_back(cus[c].kernel(cus[c].images, cus[c].results, unsigned(take[c])));
        for (xrt::run& r : runs) r.wait();
        seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

        json labels = json::array(), outs = json::array();
        for (std::size_t c = 0; c < units; ++c) {
            if (take[c] == 0) continue;
            cus[c].results.sync(XCL_BO_SYNC_BO_FROM_DEVICE, take[c] * layout.resultStride(), 0);
            const auto* bytes = cus[c].results.map<const std::uint8_t*>();
            for (std::size_t k = 0; k < take[c]; ++k) {
                std::vector<std::uint32_t> slots(layout.slots());
                std::memcpy(slots.data(), bytes + k * layout.resultStride(), layout.slots() * 4);
                const int label = int(slots.back());
                std::vector<std::int32_t> values(slots.begin(), slots.end() - 1);
                labels.push_back(label);
                outs.push_back(values);
                const std::size_t image = from[c] + k;
                const bitfold::GoldenResult g = golden.infer(set.image(int(image)));
                mismatches += g.label != label || g.outputs != values;
                if (measureAccuracy) correct += label == set.labels[image];
            }
        }
        json b = {{"event", "batch"}, {"first", begin},           {"count", n},           {"labels", labels},
                  {"outputs", outs},  {"images_done", begin + n}, {"elapsed_s", seconds}, {"mismatches", mismatches}};
        if (measureAccuracy) b["correct"] = correct;
        emit(b);
    }
    json done = {{"event", "done"},
                 {"backend", "xrt"},
                 {"images", count},
                 {"elapsed_s", seconds},
                 {"images_per_s", seconds > 0 ? double(count) / seconds : 0.0},
                 {"bit_exact", mismatches == 0},
                 {"mismatches", mismatches},
                 {"compute_units", units}};
    if (measureAccuracy && count > 0) done["accuracy"] = double(correct) / double(count);
    emit(done);
    return mismatches == 0 ? 0 : 1;
}

/// For "Test connection" on a remote target (docs/remote.md).
int probe() {
    json devices = json::array();
    try {
        const std::size_t n = xrt::system::enumerate_devices();
        for (unsigned i = 0; i < n; ++i) devices.push_back(xrt::device(i).get_info<xrt::info::device::name>());
    } catch (const std::exception&) {
        // No driver or no device: an empty list says it.
    }
    emit({{"event", "probe"}, {"xrt", xrt_build_version}, {"devices", devices}});
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    if (argc == 2 && std::string(argv[1]) == "--probe") return probe();
    try {
        return run(parse(argc, argv));
    } catch (const NoDevice& e) {
        emit({{"event", "error"}, {"message", e.what()}});
        std::cerr << "bitfold-f1-host: " << e.what() << '\n';
        return kNoDevice;
    } catch (const std::exception& e) {
        emit({{"event", "error"}, {"message", e.what()}});
        std::cerr << "bitfold-f1-host: " << e.what() << '\n';
        return 2;
    }
}
