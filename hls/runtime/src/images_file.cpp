// The accelerator's images file (bitfold/images_file.h, docs/accelerator.md).
#include "bitfold/images_file.h"

#include "bitfold/error.h"
#include "bitfold/sim_runner.h"

#include <fstream>
#include <sstream>

namespace bitfold {

namespace {

void putU32(std::ofstream& out, std::uint32_t v) {
    const char b[4] = {char(v & 0xff), char((v >> 8) & 0xff), char((v >> 16) & 0xff), char((v >> 24) & 0xff)};
    out.write(b, 4);
}

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(path, "cannot read");
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace

void writeImagesFile(const ImageSet& images, const std::string& path) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) throw Error(path, "cannot write");
    out.write("BFIMAGES", 8);
    putU32(out, 1);
    putU32(out, std::uint32_t(images.count));
    putU32(out, std::uint32_t(images.rows));
    putU32(out, std::uint32_t(images.cols));
    putU32(out, std::uint32_t(images.channels));
    const bool labelled = images.labels.size() == std::size_t(images.count) && images.count > 0;
    putU32(out, labelled ? 1 : 0);
    out.write(reinterpret_cast<const char*>(images.pixels.data()),
              std::streamsize(std::size_t(images.count) * images.imageSize()));
    if (labelled) out.write(reinterpret_cast<const char*>(images.labels.data()), images.count);
    if (!out) throw Error(path, "cannot write");
}

ImageSet readImagesFile(const std::string& path) {
    const std::string data = readFile(path);
    images_file::Header h;
    if (const std::string problem = images_file::parseHeader(data.data(), data.size(), data.size(), h);
        !problem.empty())
        throw Error(path, problem);
    ImageSet s;
    s.count = int(h.count);
    s.rows = int(h.rows);
    s.cols = int(h.cols);
    s.channels = int(h.channels);
    const auto begin = data.begin() + long(images_file::kHeaderBytes);
    s.pixels.assign(begin, begin + long(h.pixelBytes));
    if (h.labelled) s.labels.assign(begin + long(h.pixelBytes), begin + long(h.pixelBytes + h.count));
    return s;
}

} // namespace bitfold
