#include "widgets/target_dialog.h"

#include "host_keys.h"
#include "remote_probe.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace bitfold::gui {

namespace {

struct Probe {
    QString text;
    bool ok = false;
    bool unknownKey = false;
    std::vector<remote::HostKey> keys; ///< what the unknown host offers
};

Probe probe(const remote::RemoteTarget& t) {
    Probe p;
    try {
        p.text = QString::fromStdString(remote::probeHost(remote::SshHost(t)).summary());
        p.ok = true;
    } catch (const remote::HostKeyError& e) {
        p.text = QString::fromStdString(e.what());
        if (!e.changed()) {
            p.unknownKey = true;
            try {
                p.keys = remote::scanHostKeys(t);
            } catch (const std::exception& s) {
                p.text += QStringLiteral("; ") + QString::fromStdString(s.what());
                p.unknownKey = false;
            }
        }
    } catch (const std::exception& e) {
        p.text = QString::fromStdString(e.what());
    }
    return p;
}

} // namespace

TargetDialog::TargetDialog(std::vector<remote::RemoteTarget> targets, QWidget* parent)
    : QDialog(parent), m_targets(std::move(targets)), m_list(new QListWidget), m_name(new QLineEdit),
      m_destination(new QLineEdit), m_identity(new QLineEdit), m_knownHosts(new QLineEdit), m_cli(new QLineEdit),
      m_f1(new QLineEdit), m_port(new QSpinBox), m_test(new QPushButton(tr("Test connection"))), m_result(new QLabel) {
    setWindowTitle(tr("Run targets"));
    m_port->setRange(1, 65535);
    m_destination->setPlaceholderText(tr("user@host, e.g. ec2-user@ec2-3-80-1-2.compute-1.amazonaws.com"));
    m_identity->setPlaceholderText(tr("private key file; empty: your SSH agent and default keys"));
    m_knownHosts->setPlaceholderText(tr("empty: ~/.ssh/known_hosts"));
    m_result->setWordWrap(true);
    m_result->setObjectName(QStringLiteral("targetTestResult"));
    m_test->setObjectName(QStringLiteral("testConnection"));
    auto* add = new QPushButton(tr("Add"));
    auto* remove = new QPushButton(tr("Remove"));
    auto* form = new QFormLayout;
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("SSH destination:"), m_destination);
    form->addRow(tr("Port:"), m_port);
    form->addRow(tr("Identity file:"), m_identity);
    form->addRow(tr("Known-hosts file:"), m_knownHosts);
    form->addRow(tr("bitfold-cli on the host:"), m_cli);
    form->addRow(tr("bitfold-f1-host on the host:"), m_f1);
    form->addRow(m_test);
    form->addRow(m_result);
    auto* left = new QVBoxLayout;
    left->addWidget(m_list);
    auto* lb = new QHBoxLayout;
    lb->addWidget(add);
    lb->addWidget(remove);
    left->addLayout(lb);
    auto* top = new QHBoxLayout;
    top->addLayout(left, 1);
    top->addLayout(form, 2);
    auto* box = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(new QLabel(tr("Passwords are never stored: the host must accept your key (or your agent's). "
                                    "See docs/remote.md.")));
    layout->addWidget(box);

    connect(box, &QDialogButtonBox::accepted, this, [this] {
        storeTarget();
        accept();
    });
    connect(box, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(add, &QPushButton::clicked, this, [this] {
        storeTarget();
        remote::RemoteTarget t;
        t.name = tr("new target").toStdString();
        t.host = "localhost";
        m_targets.push_back(t);
        refreshList();
        m_list->setCurrentRow(int(m_targets.size()) - 1);
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        if (m_row < 0) return;
        m_targets.erase(m_targets.begin() + m_row);
        m_row = -1;
        refreshList();
    });
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        storeTarget();
        showTarget(row);
    });
    connect(m_test, &QPushButton::clicked, this, &TargetDialog::testConnection);
    refreshList();
    if (!m_targets.empty())
        m_list->setCurrentRow(0);
    else
        showTarget(-1);
}

void TargetDialog::refreshList() {
    const QSignalBlocker block(m_list);
    m_list->clear();
    for (const auto& t : m_targets) m_list->addItem(QString::fromStdString(t.label()));
    showTarget(m_targets.empty() ? -1 : std::min(std::max(m_row, 0), int(m_targets.size()) - 1));
    if (m_row >= 0) m_list->setCurrentRow(m_row);
}

void TargetDialog::showTarget(int row) {
    m_row = row;
    const bool any = row >= 0 && row < int(m_targets.size());
    for (QWidget* w :
         std::initializer_list<QWidget*>{m_name, m_destination, m_identity, m_knownHosts, m_cli, m_f1, m_port, m_test})
        w->setEnabled(any);
    if (!any) return;
    const remote::RemoteTarget& t = m_targets[std::size_t(row)];
    m_name->setText(QString::fromStdString(t.name));
    m_destination->setText(QString::fromStdString(t.user.empty() ? t.host : t.user + "@" + t.host));
    m_port->setValue(t.port);
    m_identity->setText(QString::fromStdString(t.identityFile));
    m_knownHosts->setText(QString::fromStdString(t.knownHostsFile));
    m_cli->setText(QString::fromStdString(t.remoteCli));
    m_f1->setText(QString::fromStdString(t.remoteF1Host));
    m_result->clear();
}

void TargetDialog::storeTarget() {
    if (m_row < 0 || m_row >= int(m_targets.size())) return;
    remote::RemoteTarget& t = m_targets[std::size_t(m_row)];
    try {
        const remote::RemoteTarget d = remote::parseDestination(m_destination->text().trimmed().toStdString(),
                                                                tr("SSH destination").toStdString());
        t.user = d.user;
        t.host = d.host;
    } catch (const std::exception& e) {
        m_result->setText(QString::fromStdString(e.what()));
    }
    t.name = m_name->text().trimmed().toStdString();
    t.port = m_port->value();
    t.identityFile = m_identity->text().trimmed().toStdString();
    t.knownHostsFile = m_knownHosts->text().trimmed().toStdString();
    t.remoteCli = m_cli->text().trimmed().isEmpty() ? "bitfold-cli" : m_cli->text().trimmed().toStdString();
    t.remoteF1Host = m_f1->text().trimmed().isEmpty() ? "bitfold-f1-host" : m_f1->text().trimmed().toStdString();
    if (QListWidgetItem* item = m_list->item(m_row)) item->setText(QString::fromStdString(t.label()));
}

void TargetDialog::testConnection() {
    storeTarget();
    if (m_row < 0) return;
    const remote::RemoteTarget t = m_targets[std::size_t(m_row)];
    m_test->setEnabled(false);
    m_result->setText(tr("Connecting to %1…").arg(QString::fromStdString(t.label())));
    auto* watcher = new QFutureWatcher<Probe>(this);
    connect(watcher, &QFutureWatcher<Probe>::finished, this, [this, watcher, t] {
        const Probe p = watcher->result();
        watcher->deleteLater();
        m_test->setEnabled(true);
        m_result->setText(p.text);
        Q_EMIT tested(p.text);
        if (p.unknownKey) {
            QString prints;
            for (const auto& k : p.keys)
                prints += QStringLiteral("\n%1  %2")
                              .arg(QString::fromStdString(k.type), QString::fromStdString(k.fingerprint));
            const auto answer = QMessageBox::question(
                this, tr("Unknown host key"),
                tr("%1 is not in your known hosts. It presents:\n%2\n\nCompare with the fingerprints the host's "
                   "administrator (or the AWS console's system log) gives you. Accept and remember these keys?")
                    .arg(QString::fromStdString(t.label()), prints));
            if (answer == QMessageBox::Yes) {
                remote::acceptHostKeys(t, p.keys);
                testConnection();
            }
        }
    });
    watcher->setFuture(QtConcurrent::run([t] { return probe(t); }));
}

QString TargetDialog::resultText() const { return m_result->text(); }

} // namespace bitfold::gui
