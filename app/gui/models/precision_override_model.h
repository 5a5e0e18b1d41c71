#pragma once
// Per-layer weight/activation bits overriding the global precision. One row per matrix
// layer; 0 means "global". Edits become intents (overrideEdited).
#include "metatypes.h"
#include "bitfold/network.h"
#include "bitfold/precision.h"

#include <QAbstractTableModel>

namespace bitfold::gui {

class PrecisionOverrideModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Layer, Weights, Acts, ColumnCount };

    explicit PrecisionOverrideModel(QObject* parent = nullptr);
    void setNetwork(const Network& net, const PrecisionSpec& spec);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

    /// The options an editor offers: 0 (global), 1..8, 16, 32 (float32).
    static QVariantList bitChoices();
    static QString bitsLabel(int bits, int global);

Q_SIGNALS:
    /// The spec with one layer's override changed (removed when both are 0).
    void overridesEdited(const bitfold::PrecisionSpec& spec);

private:
    const LayerPrecisionOverride* find(const std::string& layer) const;

    std::vector<std::string> m_layers;
    PrecisionSpec m_spec;
};

} // namespace bitfold::gui
