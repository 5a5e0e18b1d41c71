#pragma once
// The C simulation's side of the accelerator protocol (docs/accelerator.md): JSON lines on the
// child's stdout. Nothing the child says is trusted: every event is checked against what the
// parent asked for (how many images, how many outputs per image) before anything is indexed.
#include "bitfold/sim_runner.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace bitfold {

/// Longest line accepted from the simulation, in bytes (a batch of 64 images of 1,000
/// outputs is about 1 MB).
constexpr std::size_t kMaxSimLineBytes = std::size_t(64) << 20;

/// One "batch" event: the results of images [first, first + labels.size()).
struct SimBatch {
    int first = 0;
    std::vector<int> labels; ///< each in [0, outputs)
    std::vector<std::vector<std::int64_t>> outputs; ///< per image, exactly `outputs` values
    int imagesDone = 0; ///< first + labels.size()
    double elapsedSeconds = 0;
    std::vector<SimStage> stages;
};

/// Reads the simulation's lines in order. A batch must start where the previous one ended,
/// stay inside the images sent and carry one label and one output vector per image; "done"
/// must come after every image. Any violation, and any line that is not such JSON, throws
/// Error("C simulation", what is wrong and a piece of the line).
class SimProtocol {
public:
    enum class Event { Start, Batch, Done, Error, Other };

    SimProtocol(int images, std::size_t outputs) : m_images(images), m_outputs(outputs) {}

    /// Parses one line (without its newline).
    Event read(const std::string& line);

    const std::vector<SimStage>& stages() const { return m_stages; } ///< the latest report
    const SimBatch& batch() const { return m_batch; } ///< after Event::Batch
    const std::string& errorMessage() const { return m_error; } ///< after Event::Error
    int imagesDone() const { return m_done; }
    bool finished() const { return m_finished; }
    double elapsedSeconds() const { return m_elapsed; } ///< from "done"
    double imagesPerSecond() const { return m_rate; } ///< from "done"
    double cpuSeconds() const { return m_cpu; } ///< from "done"

private:
    int m_images;
    std::size_t m_outputs;
    std::vector<SimStage> m_stages;
    SimBatch m_batch;
    std::string m_error;
    int m_done = 0;
    bool m_finished = false;
    double m_elapsed = 0, m_rate = 0, m_cpu = 0;
};

} // namespace bitfold
