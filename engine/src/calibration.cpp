// The bitfold model's free parameters: priors, the fit to published designs, and the
// leave-one-design-out check (docs/cost-model.md).
#include "bitfold/calibration.h"

#include "bitfold/catalog.h"
#include "bitfold/error.h"
#include "bitfold/json_io.h"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace bitfold {

std::array<double, CostCalibration::kCount> CostCalibration::values() const {
    return {datapathLut, datapathFf, mvtuControlLut, mvtuControlFf, ioLut, ioFf};
}

CostCalibration CostCalibration::fromValues(const std::array<double, kCount>& v) {
    return {v[0], v[1], v[2], v[3], v[4], v[5]};
}

const std::array<const char*, CostCalibration::kCount>& CostCalibration::names() {
    static const std::array<const char*, kCount> n{"datapathLut",   "datapathFf", "mvtuControlLut",
                                                   "mvtuControlFf", "ioLut",      "ioFf"};
    return n;
}

const CostCalibration& priorCalibration() {
    // One LUT per carry-chain adder bit (a LUT6 and a CARRY4 bit per sum bit); Vivado HLS at
    // 100-200 MHz registers about every other adder level; control and I/O as FINN charges
    // comparable blocks (docs/cost-model.md).
    static const CostCalibration prior{1.0, 0.5, 600, 1200, 2500, 3500};
    return prior;
}

namespace {

/// How far the fit may pull each parameter from its prior (one standard deviation).
constexpr std::array<double, CostCalibration::kCount> kPriorSpread{0.25, 0.25, 300, 600, 2500, 3500};
/// Parameters fitted against LUT and against FF.
constexpr std::array<int, 3> kLutParams{0, 2, 4};
constexpr std::array<int, 3> kFfParams{1, 3, 5};

bool scopeWithoutIo(const nlohmann::json& d) {
    if (d.contains("includes_io")) return !d.at("includes_io").get<bool>();
    if (!d.contains("scope")) return false; // BNN-PYNQ: whole designs
    std::string s = d.at("scope").get<std::string>();
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    for (const char* no : {"no dma", "out-of-context", "without dma"})
        if (s.find(no) != std::string::npos) return true;
    return false;
}

double number(const nlohmann::json& j, const char* key) {
    return j.contains(key) && j.at(key).is_number() ? j.at(key).get<double>() : 0.0;
}

/// Solves the n x n system a x = b in place (Gaussian elimination with partial pivoting).
std::array<double, 3> solve3(std::array<std::array<double, 3>, 3> a, std::array<double, 3> b) {
    for (int c = 0; c < 3; ++c) {
        int p = c;
        for (int r = c + 1; r < 3; ++r)
            if (std::abs(a[r][c]) > std::abs(a[p][c])) p = r;
        std::swap(a[c], a[p]);
        std::swap(b[c], b[p]);
        for (int r = c + 1; r < 3; ++r) {
            const double f = a[r][c] / a[c][c];
            for (int k = c; k < 3; ++k) a[r][k] -= f * a[c][k];
            b[r] -= f * b[c];
        }
    }
    std::array<double, 3> x{};
    for (int c = 2; c >= 0; --c) {
        double s = b[c];
        for (int k = c + 1; k < 3; ++k) s -= a[c][k] * x[k];
        x[c] = s / a[c][c];
    }
    return x;
}

Resources predict(const PublishedDesign& d, CostCalibration cal) {
    cal.weightsOneMemory = d.finnFlow;
    return comparable(d,
                      estimateWith(d.network, d.precision, d.folding, d.device, d.clockMhz, CostModel::Bitfold, cal));
}

} // namespace

Resources comparable(const PublishedDesign& d, const Estimate& e) {
    Resources r = e.totals;
    if (!d.includesIo) {
        r.lut -= e.infrastructure.lut + e.shell.lut;
        r.ff -= e.infrastructure.ff + e.shell.ff;
        r.bram18 -= e.infrastructure.bram18 + e.shell.bram18;
        r.dsp -= e.infrastructure.dsp + e.shell.dsp;
    }
    return r;
}

std::vector<PublishedDesign> loadPublishedDesigns(const std::string& path) {
    const nlohmann::json all = readJsonFile(path);
    const Catalog& cat = Catalog::shipped();
    std::vector<PublishedDesign> out;
    for (const nlohmann::json& d : all.at("designs")) {
        if (!d.contains("measured") || number(d.at("measured"), "lut") <= 0) continue;
        PublishedDesign p;
        p.id = d.at("id").get<std::string>();
        p.json = d;
        const std::string where = path + ", design " + p.id;
        std::string net = d.at("network").get<std::string>();
        net = net.substr(0, net.find(' ')); // "unsw-nb15-mlp (600-64-64-64-1)"
        if (!cat.findNetwork(net)) throw Error(where, "network '" + net + "' is not shipped");
        p.network = cat.network(net);
        p.device = cat.device(d.at("device").get<std::string>());
        PrecisionSpec spec;
        spec.weightBits = d.at("weight_bits").get<int>();
        spec.actBits = d.at("act_bits").get<int>();
        spec.inputBits = d.contains("input_bits") ? d.at("input_bits").get<int>() : 0;
        p.precision = resolvePrecision(p.network, spec);
        p.folding = foldingFromJson(d, p.network, where);
        validate(p.network, p.precision, p.folding);
        p.clockMhz = d.at("clock_mhz").get<double>();
        p.includesIo = !scopeWithoutIo(d);
        p.finnFlow = d.contains("scope") && d.at("scope").get<std::string>().find("FINN compiler") != std::string::npos;
        const nlohmann::json& m = d.at("measured");
        p.lut = number(m, "lut");
        p.ff = number(m, "ff");
        p.bram36 = number(m, "bram36") + number(m, "bram18") / 2;
        p.fps = number(m, "fps");
        out.push_back(std::move(p));
    }
    return out;
}

CostCalibration fitCalibration(const std::vector<PublishedDesign>& designs) {
    const auto prior = priorCalibration().values();
    std::array<double, CostCalibration::kCount> fitted = prior;
    // Every figure is linear in the parameters: features by unit steps from zero.
    std::vector<Resources> base;
    std::vector<std::array<Resources, CostCalibration::kCount>> feature;
    for (const PublishedDesign& d : designs) {
        const Resources b = predict(d, CostCalibration::fromValues({}));
        std::array<Resources, CostCalibration::kCount> f;
        for (int j = 0; j < CostCalibration::kCount; ++j) {
            std::array<double, CostCalibration::kCount> unit{};
            unit[j] = 1;
            const Resources r = predict(d, CostCalibration::fromValues(unit));
            f[j] = {r.lut - b.lut, r.ff - b.ff, 0, 0, 0, 0};
        }
        base.push_back(b);
        feature.push_back(f);
    }
    for (bool lut : {true, false}) {
        const auto& params = lut ? kLutParams : kFfParams;
        std::array<std::array<double, 3>, 3> a{};
        std::array<double, 3> rhs{};
        for (int r = 0; r < 3; ++r) {
            const int j = params[r];
            a[r][r] = 1 / (kPriorSpread[j] * kPriorSpread[j]);
            rhs[r] = prior[j] * a[r][r];
        }
        for (std::size_t d = 0; d < designs.size(); ++d) {
            const double measured = lut ? designs[d].lut : designs[d].ff;
            if (measured <= 0) continue;
            const double residual = measured - (lut ? base[d].lut : base[d].ff);
            for (int r = 0; r < 3; ++r) {
                const Resources& fr = feature[d][params[r]];
                const double xr = (lut ? fr.lut : fr.ff) / measured;
                rhs[r] += xr * residual / measured;
                for (int c = 0; c < 3; ++c) {
                    const Resources& fc = feature[d][params[c]];
                    a[r][c] += xr * (lut ? fc.lut : fc.ff) / measured;
                }
            }
        }
        const auto x = solve3(a, rhs);
        for (int r = 0; r < 3; ++r) fitted[params[r]] = x[r];
    }
    return CostCalibration::fromValues(fitted);
}

std::vector<LeaveOneOutRow> leaveOneDesignOut(const std::vector<PublishedDesign>& designs) {
    const CostCalibration all = fitCalibration(designs);
    std::vector<LeaveOneOutRow> rows;
    for (std::size_t i = 0; i < designs.size(); ++i) {
        std::vector<PublishedDesign> others;
        for (std::size_t j = 0; j < designs.size(); ++j)
            if (j != i) others.push_back(designs[j]);
        const PublishedDesign& d = designs[i];
        LeaveOneOutRow row;
        row.id = d.id;
        row.measured = {d.lut, d.ff, 2 * d.bram36, 0, 0, 0};
        row.fitAll = predict(d, all);
        row.leftOut = predict(d, fitCalibration(others));
        rows.push_back(row);
    }
    return rows;
}

} // namespace bitfold

namespace bitfold {

const CostCalibration& defaultCalibration() {
    // fitCalibration() over resources/published/published.json (`bitfold-cli calibrate`
    // prints these; test_calibration checks they are still the fit).
    static const CostCalibration fitted{0.998, 0.509, 596.4, 1224.5, 2533.1, 3624.1};
    return fitted;
}

} // namespace bitfold
