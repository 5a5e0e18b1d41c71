#pragma once
// Every layer of the evaluated design: shape, folding, cycles and resources. PE, SIMD and MMV
// are editable in manual folding mode; an edit becomes an intent (foldingEditRequested),
// an invalid value is refused with a message (editRejected).
#include "metatypes.h"
#include "session/design_state.h"

#include <QAbstractTableModel>

namespace bitfold::gui {

class LayerTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, Kind, Shape, Pe, Simd, Mmv, Cycles, Load, Lut, LutShare, Bram, Dsp, WeightMemory, ColumnCount };

    explicit LayerTableModel(QObject* parent = nullptr);

    void setDesign(const DesignState& state, bool manualFolding);
    const DesignState& design() const { return m_state; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

    static QString shapeText(const Layer& l);

Q_SIGNALS:
    void foldingEditRequested(int layer, const bitfold::LayerFolding& folding);
    void editRejected(const QString& message);

private:
    QVariant raw(int row, int column) const;
    QVariant display(int row, int column) const;
    QVariant tooltip(int row, int column) const;

    DesignState m_state;
    bool m_manual = false;
};

} // namespace bitfold::gui
