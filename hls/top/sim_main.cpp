// The C-simulation harness: runs bitfold_top over an images file in batches and streams the
// Bitfold accelerator protocol (docs/accelerator.md) as JSON lines on stdout:
//   {"event":"start", ...}  {"event":"batch", ...}*  {"event":"done", ...}  or {"event":"error", ...}
// usage: bitfold-sim IMAGES_FILE [--batch N]
// It is compiled once per toolchain and kernel sources and linked with any generated design.
#include "sim_interface.hpp"

#include "bitfold/images_file.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

struct Images {
    std::uint32_t count = 0, bytes = 0;
    std::vector<std::uint8_t> pixels, labels;
};

/// The images file, read with the engine's checks (bitfold/images_file.h).
Images readImages(const char* path) {
    std::FILE* f = std::fopen(path, "rb");
    if (!f) throw std::runtime_error(std::string(path) + ": cannot open");
    Images im;
    try {
        unsigned char header[bitfold::images_file::kHeaderBytes];
        const std::size_t got = std::fread(header, 1, sizeof header, f);
        long size = -1;
        if (std::fseek(f, 0, SEEK_END) != 0 || (size = std::ftell(f)) < 0 || std::fseek(f, long(got), SEEK_SET) != 0)
            throw std::runtime_error(std::string(path) + ": cannot seek");
        bitfold::images_file::Header h;
        if (const std::string problem = bitfold::images_file::parseHeader(header, got, std::uint64_t(size), h);
            !problem.empty())
            throw std::runtime_error(std::string(path) + ": " + problem);
        im.count = h.count;
        im.bytes = std::uint32_t(h.imageBytes);
        im.pixels.resize(std::size_t(h.pixelBytes));
        if (std::fread(im.pixels.data(), 1, im.pixels.size(), f) != im.pixels.size())
            throw std::runtime_error(std::string(path) + ": truncated pixels");
        if (h.labelled) {
            im.labels.resize(im.count);
            if (std::fread(im.labels.data(), 1, im.count, f) != im.count)
                throw std::runtime_error(std::string(path) + ": truncated labels");
        }
    } catch (...) {
        std::fclose(f);
        throw;
    }
    std::fclose(f);
    return im;
}

std::string jsonString(const char* s) {
    std::string r = "\"";
    for (; *s; ++s) {
        const unsigned char c = static_cast<unsigned char>(*s);
        if (c == '"' || c == '\\') {
            r += '\\';
            r += char(c);
        } else if (c < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            r += buf;
        } else {
            r += char(c);
        }
    }
    return r + "\"";
}

/// Per-stage cycles: predicted per frame, counted per frame so far (total / frames).
std::string stagesJson(unsigned long long frames) {
    std::string s = "[";
    for (unsigned i = 0; i < bitfold::sim::stageCount(); ++i) {
        const bitfold::sim::StageReport r = bitfold::sim::stage(i);
        s += i ? "," : "";
        s += "{\"name\":" + jsonString(r.name) + ",\"layer\":" + jsonString(r.layer) +
            ",\"kind\":" + jsonString(r.kind) + ",\"cycles_predicted\":" + std::to_string(r.cyclesPredicted);
        if (frames > 0)
            s += ",\"cycles_counted\":" + std::to_string(r.cyclesCounted / frames) +
                ",\"cycles_total\":" + std::to_string(r.cyclesCounted);
        s += "}";
    }
    return s + "]";
}

void emit(const std::string& line) {
    std::fwrite(line.data(), 1, line.size(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

int run(int argc, char** argv) {
    if (argc < 2) throw std::runtime_error("usage: bitfold-sim IMAGES_FILE [--batch N]");
    unsigned batch = 64;
    for (int i = 2; i + 1 < argc; i += 2)
        if (std::strcmp(argv[i], "--batch") == 0) batch = unsigned(std::max(1, std::atoi(argv[i + 1])));
    const Images im = readImages(argv[1]);
    const unsigned bytes = bitfold::sim::imageBytes(), outs = bitfold::sim::outputs();
    if (im.bytes != bytes)
        throw std::runtime_error("images have " + std::to_string(im.bytes) + " bytes, the design takes " +
                                 std::to_string(bytes));
    emit("{\"event\":\"start\",\"backend\":\"csim\",\"images\":" + std::to_string(im.count) + ",\"image_bytes\":" +
         std::to_string(bytes) + ",\"outputs\":" + std::to_string(outs) + ",\"stages\":" + stagesJson(0) + "}");

    std::vector<std::uint32_t> slots; // per image: the logical outputs, then the label
    double simSeconds = 0, cpuSeconds = 0; // wall clock, and this process's CPU time

    unsigned long long correct = 0;
    for (unsigned first = 0; first < im.count; first += batch) {
        const unsigned n = std::min(batch, im.count - first);
        slots.assign(std::size_t(n) * (outs + 1), 0);
        const auto t0 = std::chrono::steady_clock::now();
        const std::clock_t c0 = std::clock();
        bitfold::sim::runBatch(&im.pixels[std::size_t(first) * bytes], n, slots.data());
        cpuSeconds += double(std::clock() - c0) / CLOCKS_PER_SEC;
        simSeconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

        std::string line = "{\"event\":\"batch\",\"first\":" + std::to_string(first) +
            ",\"count\":" + std::to_string(n) + ",\"labels\":[";
        for (unsigned k = 0; k < n; ++k) {
            const unsigned label = slots[std::size_t(k) * (outs + 1) + outs];
            line += (k ? "," : "") + std::to_string(label);
            if (!im.labels.empty()) correct += label == im.labels[first + k];
        }
        line += "],\"outputs\":[";
        for (unsigned k = 0; k < n; ++k) {
            line += k ? ",[" : "[";
            for (unsigned o = 0; o < outs; ++o)
                line += (o ? "," : "") + std::to_string(std::int32_t(slots[std::size_t(k) * (outs + 1) + o]));
            line += "]";
        }
        line += "],\"images_done\":" + std::to_string(first + n);
        if (!im.labels.empty()) line += ",\"correct\":" + std::to_string(correct);
        line += ",\"elapsed_s\":" + std::to_string(simSeconds) + ",\"stages\":" + stagesJson(first + n) + "}";
        emit(line);
    }
    std::string done = "{\"event\":\"done\",\"images\":" + std::to_string(im.count) +
        ",\"elapsed_s\":" + std::to_string(simSeconds) +
        ",\"images_per_s\":" + std::to_string(simSeconds > 0 ? im.count / simSeconds : 0.0) +
        ",\"cpu_s\":" + std::to_string(cpuSeconds) +
        ",\"images_per_cpu_s\":" + std::to_string(cpuSeconds > 0 ? im.count / cpuSeconds : 0.0);
    if (!im.labels.empty() && im.count > 0) done += ",\"accuracy\":" + std::to_string(double(correct) / im.count);
    done += ",\"stages\":" + stagesJson(im.count) + "}";
    emit(done);
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const std::exception& e) {
        emit("{\"event\":\"error\",\"message\":" + jsonString(e.what()) + "}");
        return 2;
    }
}
