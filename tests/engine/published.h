#pragma once
// The published BNN-PYNQ designs (resources/published/published.json, a copy of the
// domain reference with every figure's source), as the engine's types.
#include "bitfold/catalog.h"
#include "bitfold/folding.h"
#include "bitfold/json_io.h"

#include <string>

struct PublishedDesign {
    nlohmann::json json;
    bitfold::Network network;
    bitfold::Device device;
    bitfold::Folding folding;
    double clockMhz = 0;
    const nlohmann::json& measured() const { return json.at("measured"); }
};

inline PublishedDesign publishedDesign(const std::string& id) {
    const auto all = bitfold::readJsonFile(bitfold::resourceDir() + "/published/published.json");
    for (const auto& d : all.at("designs")) {
        if (d.at("id") != id) continue;
        const auto& cat = bitfold::Catalog::shipped();
        PublishedDesign p;
        p.json = d;
        p.network = cat.network(d.at("network").get<std::string>());
        p.device = cat.device(d.at("device").get<std::string>());
        p.folding = bitfold::foldingFromJson(d, p.network, id);
        p.clockMhz = d.at("clock_mhz").get<double>();
        return p;
    }
    throw std::runtime_error("no published design " + id);
}
