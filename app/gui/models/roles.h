#pragma once
// Custom item roles shared by the models: views format DisplayRole, plots read raw numbers.
#include <Qt>

namespace bitfold::gui {

enum ItemRole {
    RawValueRole = Qt::UserRole + 1, ///< double (or int) behind a formatted cell
    BottleneckRole, ///< bool: the row is the slowest stage
    ValidValuesRole, ///< QVariantList of int: what an editor may offer
    LayerIndexRole, ///< int: network layer index of the row
    SortRole, ///< value to sort by
};

} // namespace bitfold::gui
