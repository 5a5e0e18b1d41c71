#pragma once
// The published designs (resources/published/published.json, a copy of the domain reference
// with every figure's source), as the engine loads them (bitfold/calibration.h).
#include "bitfold/calibration.h"
#include "bitfold/catalog.h"

#include <stdexcept>
#include <string>

inline std::vector<bitfold::PublishedDesign> publishedDesigns() {
    return bitfold::loadPublishedDesigns(bitfold::resourceDir() + "/published/published.json");
}

inline bitfold::PublishedDesign publishedDesign(const std::string& id) {
    for (auto& d : publishedDesigns())
        if (d.id == id) return d;
    throw std::runtime_error("no published design " + id);
}
