#pragma once
// Run targets: SSH hosts to run simulations, F1 and sweeps on (docs/remote.md). Edits the list,
// tests a connection (what the host has), and on an unknown host key shows its fingerprints
// for the user to accept; nothing is accepted without that click.
#include "remote_target.h"

#include <QDialog>

#include <vector>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace bitfold::gui {

class TargetDialog : public QDialog {
    Q_OBJECT
public:
    explicit TargetDialog(std::vector<remote::RemoteTarget> targets, QWidget* parent = nullptr);
    const std::vector<remote::RemoteTarget>& targets() const { return m_targets; }
    /// Probes the selected target (on a worker); the answer shows in the dialog.
    void testConnection();
    QString resultText() const;

Q_SIGNALS:
    void tested(const QString& result);

private:
    void showTarget(int row);
    void storeTarget();
    void refreshList();
    void askToAccept(const remote::RemoteTarget& target);

    std::vector<remote::RemoteTarget> m_targets;
    QListWidget* m_list;
    QLineEdit *m_name, *m_destination, *m_identity, *m_knownHosts, *m_cli, *m_f1;
    QSpinBox* m_port;
    QPushButton* m_test;
    QLabel* m_result;
    int m_row = -1;
};

} // namespace bitfold::gui
