#pragma once
// Bitfold's C-simulation stand-in for Vitis HLS's <hls_stream.h>: hls::stream<T> as an
// unbounded FIFO on std::deque. Written from the public Vitis API (no Vitis sources).
//
// Differences from Vitis C simulation, on purpose:
// - Reading an empty stream throws std::runtime_error naming the stream, where Vitis only
//   warns that the stream is read while empty (hardware would stall there). A testbench here
//   fails at once, and tests can check the failure without a death test.
// - Depth is accepted and ignored: full() is always false and write_nb() always succeeds,
//   as in Vitis C simulation. Size FIFOs with hardware co-simulation, not with this.
// - Single-threaded: a stream must not be shared between threads.

#include <cstddef>
#include <deque>
#include <stdexcept>
#include <string>
#include <utility>

/// Marks Bitfold's simulation headers (also set by <ap_int.h>).
#ifndef BITFOLD_HLS_SIM
#define BITFOLD_HLS_SIM 1
#endif

namespace hls {

/// FIFO of T between dataflow processes. Depth (elements, >= 0) documents the hardware FIFO
/// size and is ignored in simulation.
template <class T, int Depth = 0>
class stream {
    static_assert(Depth >= 0, "hls::stream: Depth must be >= 0 (0 = the tool's default)");

public:
    stream() : m_name("hls::stream") {}
    explicit stream(const char* name) : m_name(name ? name : "") {}
    explicit stream(const std::string& name) : m_name(name) {}
    stream(const stream&) = delete;
    stream& operator=(const stream&) = delete;

    /// Removes and returns the oldest element; throws std::runtime_error when empty.
    T read() {
        if (m_fifo.empty()) throw std::runtime_error("hls::stream '" + m_name + "' read while empty");
        T v = std::move(m_fifo.front());
        m_fifo.pop_front();
        return v;
    }
    void read(T& v) { v = read(); }
    void operator>>(T& v) { v = read(); }
    /// Non-blocking read: false (and v untouched) when empty.
    bool read_nb(T& v) {
        if (m_fifo.empty()) return false;
        v = read();
        return true;
    }

    void write(const T& v) { m_fifo.push_back(v); }
    void write(T&& v) { m_fifo.push_back(std::move(v)); }
    void operator<<(const T& v) { write(v); }
    /// Non-blocking write: always succeeds in simulation.
    bool write_nb(const T& v) {
        write(v);
        return true;
    }

    bool empty() const { return m_fifo.empty(); }
    /// Never full: simulation FIFOs are unbounded.
    bool full() const { return false; }
    /// Elements waiting.
    std::size_t size() const { return m_fifo.size(); }
    const std::string& name() const { return m_name; }

private:
    std::string m_name;
    std::deque<T> m_fifo;
};

} // namespace hls
