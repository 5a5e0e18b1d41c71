// bitfold-f1-host: runs a built accelerator (xclbin / awsxclbin) on an FPGA through the native
// XRT C++ API (xrt::device, xrt::xclbin, xrt::kernel, xrt::bo, xrt::run) and speaks the
// accelerator protocol of the C simulation (docs/accelerator.md) as JSON lines: start, batch (labels, outputs), done (measured FPS, accuracy, bit-exactness
// against the golden reference), or error. Without a usable device it reports an error event
// and exits with status 3.
//
// usage: bitfold-f1-host --xclbin FILE --params DIR [--images FILE|fashion-mnist] [--count K]
//                        [--batch N] [--device INDEX]
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
};

Options parse(int argc, char** argv) {
    Options o;
    std::map<std::string, std::string> v;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--help" || a == "-h")
            throw Error("usage", "bitfold-f1-host --xclbin FILE --params DIR [--images FILE|fashion-mnist] "
                                 "[--count K] [--batch N] [--device INDEX]");
        if (a.rfind("--", 0) != 0 || i + 1 >= argc)
            throw Error(a, "expected --option value");
        v[a.substr(2)] = argv[++i];
    }
    for (const auto& [key, value] : v) {
        if (key == "xclbin") o.xclbin = value;
        else if (key == "params") o.params = value;
        else if (key == "images") o.images = value;
        else if (key == "count") o.count = std::stoi(value);
        else if (key == "batch") o.batch = std::max(1, std::stoi(value));
        else if (key == "device") o.device = unsigned(std::stoul(value));
        else throw Error("--" + key, "unknown option (valid: --xclbin --params --images --count --batch --device)");
    }
    if (o.xclbin.empty())
        throw Error("--xclbin", "required: the accelerator built by hls/f1/build.sh");
    if (o.params.empty())
        throw Error("--params", "required: the parameter package the accelerator was built with");
    return o;
}

/// Images as the first layer takes them: 8-bit pixels, image after image.
bitfold::ImageSet loadImages(const Options& o) {
    bitfold::ImageSet s = o.images == "fashion-mnist" ? bitfold::loadFashionMnist("test", o.count)
                                                      : bitfold::readImagesFile(o.images);
    if (o.count > 0 && o.count < s.count) {
        s.count = o.count;
        s.pixels.resize(std::size_t(s.count) * s.imageSize());
        if (!s.labels.empty())
            s.labels.resize(std::size_t(s.count));
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

int run(const Options& o) {
    xrt::device device = openDevice(o.device);
    const bitfold::ParamPackage pkg = bitfold::loadPackage(o.params);
    const bitfold::Network& net = pkg.network;
    const bitfold::Layer& first = net.layers.front();
    const bitfold::Layer& last = net.layers.back();
    const std::size_t imageBytes =
        std::size_t(first.kind == bitfold::LayerKind::Fc ? 1 : first.inDim * first.inDim) * first.inChannels;
    const std::size_t outputs = std::size_t(last.outPixels()) * last.outChannels;
    const bitfold::ImageSet set = loadImages(o);
    if (set.imageSize() != imageBytes)
        throw Error("--images", "images have " + std::to_string(set.imageSize()) + " pixels, network " + net.id +
                                    " takes " + std::to_string(imageBytes));
    const std::size_t count = std::size_t(set.count);
    // Sizes, computed once: 64-bit words per image, 32-bit words per result.
    const std::size_t wordsPerImage = (imageBytes + 7) / 8;
    const std::size_t resultWords = outputs + 1;
    const std::size_t imagesSize = count * wordsPerImage * sizeof(std::uint64_t);
    const std::size_t resultsSize = count * resultWords * sizeof(std::uint32_t);

    if (!std::filesystem::exists(o.xclbin))
        throw Error(o.xclbin, "no such xclbin");
    const xrt::xclbin xclbin(o.xclbin);
    bool hasTop = false;
    for (const xrt::xclbin::kernel& k : xclbin.get_kernels())
        hasTop = hasTop || k.get_name() == "bitfold_top";
    if (!hasTop)
        throw Error(o.xclbin, "holds no bitfold_top kernel (build it with hls/f1/build.sh)");
    const xrt::uuid uuid = device.load_xclbin(xclbin);
    xrt::kernel kernel(device, uuid, "bitfold_top");
    xrt::bo imagesBo(device, imagesSize, kernel.group_id(0));
    xrt::bo resultsBo(device, resultsSize, kernel.group_id(1));

    auto* words = imagesBo.map<std::uint64_t*>();
    std::memset(words, 0, imagesSize);
    for (std::size_t i = 0; i < count; ++i)
        for (std::size_t b = 0; b < imageBytes; ++b)
            words[i * wordsPerImage + b / 8] |= std::uint64_t(set.image(int(i))[b]) << (8 * (b % 8));
    imagesBo.sync(XCL_BO_SYNC_BO_TO_DEVICE);
    auto* results = resultsBo.map<std::uint32_t*>();

    emit({{"event", "start"}, {"backend", "xrt"}, {"images", count}, {"image_bytes", imageBytes}, {"outputs", outputs},
          {"xclbin", o.xclbin}});
    bitfold::GoldenRunner golden(pkg);
    const bool measureAccuracy = !set.labels.empty() && !pkg.dataset.empty();
    std::size_t correct = 0, mismatches = 0;
    double seconds = 0;
    for (std::size_t first = 0; first < count; first += std::size_t(o.batch)) {
        const std::size_t n = std::min(count - first, std::size_t(o.batch));
        // Sub-buffers: the kernel reads and writes this batch only.
        xrt::bo in(imagesBo, n * wordsPerImage * sizeof(std::uint64_t), first * wordsPerImage * sizeof(std::uint64_t));
        xrt::bo out(resultsBo, n * resultWords * sizeof(std::uint32_t), first * resultWords * sizeof(std::uint32_t));
        const auto t0 = std::chrono::steady_clock::now();
        xrt::run r = kernel(in, out, unsigned(n));
        r.wait();
        seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        out.sync(XCL_BO_SYNC_BO_FROM_DEVICE);
        json labels = json::array(), outs = json::array();
        for (std::size_t k = 0; k < n; ++k) {
            const std::uint32_t* rec = results + (first + k) * resultWords;
            const int label = int(rec[0]);
            labels.push_back(label);
            json o2 = json::array();
            std::vector<std::int32_t> values(outputs);
            for (std::size_t i = 0; i < outputs; ++i) {
                values[i] = std::int32_t(rec[1 + i]);
                o2.push_back(values[i]);
            }
            outs.push_back(std::move(o2));
            const bitfold::GoldenResult g = golden.infer(set.image(int(first + k)));
            mismatches += g.label != label || g.outputs != values;
            if (measureAccuracy)
                correct += label == set.labels[first + k];
        }
        json b = {{"event", "batch"}, {"first", first}, {"count", n}, {"labels", labels}, {"outputs", outs},
                  {"images_done", first + n}, {"elapsed_s", seconds}, {"mismatches", mismatches}};
        if (measureAccuracy)
            b["correct"] = correct;
        emit(b);
    }
    json done = {{"event", "done"}, {"backend", "xrt"}, {"images", count}, {"elapsed_s", seconds},
                 {"images_per_s", seconds > 0 ? double(count) / seconds : 0.0}, {"bit_exact", mismatches == 0},
                 {"mismatches", mismatches}};
    if (measureAccuracy && count > 0)
        done["accuracy"] = double(correct) / double(count);
    emit(done);
    return mismatches == 0 ? 0 : 1;
}

/// For "Test connection" on a remote target (docs/remote.md).
int probe() {
    json devices = json::array();
    try {
        const std::size_t n = xrt::system::enumerate_devices();
        for (unsigned i = 0; i < n; ++i)
            devices.push_back(xrt::device(i).get_info<xrt::info::device::name>());
    } catch (const std::exception&) {
        // No driver or no device: an empty list says it.
    }
    emit({{"event", "probe"}, {"xrt", xrt_build_version}, {"devices", devices}});
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    if (argc == 2 && std::string(argv[1]) == "--probe")
        return probe();
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
