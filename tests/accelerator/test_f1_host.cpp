// bitfold-f1-host without an FPGA: a clear error event and exit status 3, never a crash.
#include <QProcess>
#include <QtTest>

#include <nlohmann/json.hpp>

class TestF1Host : public QObject {
    Q_OBJECT

private slots:
    void noDevice() {
        QProcess p;
        p.start(BITFOLD_F1_HOST, {"--xclbin", "/nonexistent.xclbin", "--params", "/nonexistent"});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit); // not a signal
        QCOMPARE(p.exitCode(), 3);
        const QList<QByteArray> lines = p.readAllStandardOutput().trimmed().split('\n');
        const auto j = nlohmann::json::parse(lines.back().toStdString());
        QCOMPARE(j.at("event").get<std::string>(), std::string("error"));
        const std::string message = j.at("message").get<std::string>();
        QVERIFY2(message.find("no usable Xilinx FPGA device") != std::string::npos, message.c_str());
        QVERIFY(p.readAllStandardError().contains("hls/f1/README.md"));
    }

    void usageErrors() {
        QProcess p;
        p.start(BITFOLD_F1_HOST, {"--params", "x"});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 2);
        QVERIFY(p.readAllStandardOutput().contains("--xclbin"));
    }
};

QTEST_GUILESS_MAIN(TestF1Host)
#include "test_f1_host.moc"
