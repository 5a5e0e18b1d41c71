// StageCache: priced stages shared between the stage tables of one sweep.
#include "optimizer_internal.h"

namespace bitfold::detail {

StageCache::StageCache(std::size_t capacityOptions) : m_capacity(capacityOptions) {}

std::shared_ptr<const StageChoices> StageCache::find(const std::string& key) {
    const std::lock_guard<std::mutex> lock(m_mutex);
    const auto it = m_index.find(key);
    if (it == m_index.end()) return nullptr;
    m_recent.splice(m_recent.begin(), m_recent, it->second); // most recently used first
    ++m_hits;
    return it->second->second;
}

void StageCache::insert(const std::string& key, std::shared_ptr<const StageChoices> choices) {
    const std::lock_guard<std::mutex> lock(m_mutex);
    if (m_index.count(key)) return; // another thread priced it too
    m_options += choices->options.size();
    m_recent.emplace_front(key, std::move(choices));
    m_index.emplace(key, m_recent.begin());
    while (m_options > m_capacity && m_recent.size() > 1) {
        m_options -= m_recent.back().second->options.size();
        m_index.erase(m_recent.back().first);
        m_recent.pop_back();
    }
}

std::size_t StageCache::hits() const {
    const std::lock_guard<std::mutex> lock(m_mutex);
    return m_hits;
}

} // namespace bitfold::detail
