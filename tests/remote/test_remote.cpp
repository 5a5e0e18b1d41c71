// Runs on an SSH host, against a private sshd on a loopback port: a C simulation and a sweep
// give the local run's JSON, Test connection reports the host, and the failures: cancel (no
// remote process left), a dropped connection, an unknown or changed host key, a missing binary,
// bitfold-f1-host without a device.
#include "bitfold/catalog.h"
#include "bitfold/child_process.h"
#include "cli_run.h"
#include "host_keys.h"
#include "remote_probe.h"
#include "sshd_server.h"
#include "ssh_host.h"

#include <QtTest>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

using nlohmann::json;
using namespace bitfold::remote;
namespace fs = std::filesystem;
using testcli::cli;
using testcli::Run;
using bitfold::runCommand;

namespace {

std::vector<std::string> remoteArgs(const RemoteTarget& t, const std::string& cli = BITFOLD_CLI) {
    return {"--remote",       t.label(),      "--identity", t.identityFile, "--known-hosts",
            t.knownHostsFile, "--ssh-config", "none",       "--remote-cli", cli};
}

std::vector<std::string> operator+(std::vector<std::string> a, const std::vector<std::string>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

/// The result without what depends on the machine's load or cache.
json comparable(json j) {
    for (const char* k : {"images_per_s", "sim_seconds", "compile_seconds", "cached", "params"}) j.erase(k);
    return j;
}

bool waitGone(long pgid) {
    for (int i = 0; i < 100 && processGroupAlive(pgid); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    return !processGroupAlive(pgid);
}

} // namespace

class TestRemote : public QObject {
    Q_OBJECT

private slots:
    void parsesDestinations() {
        const RemoteTarget t = parseDestination("ec2-user@f1.example.org:2222");
        QCOMPARE(t.user, std::string("ec2-user"));
        QCOMPARE(t.host, std::string("f1.example.org"));
        QCOMPARE(t.port, 2222);
        QCOMPARE(parseDestination("[::1]:23").host, std::string("::1"));
        QCOMPARE(parseDestination("server").port, 22);
        QVERIFY_THROWS_EXCEPTION(bitfold::Error, parseDestination("-oProxyCommand=x"));
        QVERIFY_THROWS_EXCEPTION(bitfold::Error, parseDestination("user@host:99999"));
        QCOMPARE(targetFromJson(toJson(t)), t);
        QCOMPARE(shellQuote("it's"), std::string("'it'\\''s'"));
    }

    void simulationMatchesLocal() {
        SshdServer server;
        if (!server.problem().empty()) QSKIP(server.problem().c_str());
        // A trained package: its directory travels to the host's run directory.
        const std::string params = (fs::path(bitfold::resourceDir()) / "models" / "mlp64-w1a1").string();
        std::vector<std::string> args = {"simulate", "--params", params, "--images", "150", "--format", "json"};
        if (!fs::exists(params + "/package.json"))
            args = {"simulate", "--network", "sfc", "--params", "random", "--images", "150", "--format", "json"};
        const Run local = cli(args);
        QVERIFY2(local.code == 0, local.err.c_str());
        const Run remote = cli(args + remoteArgs(server.target()));
        QVERIFY2(remote.code == 0, (remote.err + remote.out).c_str());
        QCOMPARE(remote.lines().size(), local.lines().size()); // the same progress lines, then the result
        const json l = local.last(), r = remote.last();
        QVERIFY(r.at("bit_exact").get<bool>());
        QCOMPARE(r.at("stages"), l.at("stages")); // the same counted cycles, block by block
        QCOMPARE(comparable(r), comparable(l));
        QCOMPARE(r.at("params").get<std::string>().rfind("/tmp/bitfold-run.", 0), std::size_t(0));
    }

    void sweepMatchesLocal() {
        SshdServer server;
        if (!server.problem().empty()) QSKIP(server.problem().c_str());
        const std::vector<std::string> args = {"sweep", "--networks", "sfc,lfc", "--weights", "1,2", "--acts",
                                               "1,2",   "--devices",  "xc7z020", "--format",  "json"};
        const Run local = cli(args), remote = cli(args + remoteArgs(server.target()));
        QVERIFY2(remote.code == 0, remote.err.c_str());
        QCOMPARE(remote.out, local.out);
    }

    void testConnectionReportsTheHost() {
        SshdServer server;
        if (!server.problem().empty()) QSKIP(server.problem().c_str());
        RemoteTarget t = server.target();
        t.remoteCli = BITFOLD_CLI;
#ifdef BITFOLD_F1_HOST
        t.remoteF1Host = BITFOLD_F1_HOST;
#endif
        const HostInfo info = probeHost(SshHost(t));
        QCOMPARE(info.bitfoldVersion, std::string(BITFOLD_VERSION_TEXT));
        QCOMPARE(info.cores, int(std::thread::hardware_concurrency()));
        QVERIFY(!info.system.empty());
#ifdef BITFOLD_F1_HOST
        QVERIFY(info.f1Host);
        QVERIFY(!info.xrtVersion.empty());
        QVERIFY(info.devices.empty()); // no FPGA in this machine
#endif
        QVERIFY2(info.summary().find("Bitfold " BITFOLD_VERSION_TEXT) != std::string::npos, info.summary().c_str());
    }

    void cancelEndsTheRemoteProcess() {
        SshdServer server;
        if (!server.problem().empty()) QSKIP(server.problem().c_str());
        const SshHost host(server.target());
        std::atomic<bool> cancel{false};
        int lines = 0;
        const RemoteExit r = host.stream(
            {BITFOLD_CLI, "simulate", "--network", "sfc", "--params", "random", "--images", "40000", "--batch", "16",
             "--format", "json"},
            [&](const std::string&) {
                ++lines;
                cancel = true;
            },
            &cancel);
        QVERIFY(r.cancelled);
        QVERIFY(lines >= 1);
        QVERIFY(r.remotePid > 0);
        QVERIFY2(waitGone(r.remotePid), "the remote simulation outlived the cancel");
    }

    void droppedConnectionFailsTheRun() {
        SshdServer server;
        if (!server.problem().empty()) QSKIP(server.problem().c_str());
        const SshHost host(server.target());
        std::vector<std::string> received;
        try {
            host.stream({BITFOLD_CLI, "simulate", "--network", "sfc", "--params", "random", "--images", "40000",
                         "--batch", "16", "--format", "json"},
                        [&](const std::string& line) {
                            received.push_back(line);
                            if (received.size() == 1) server.killSessions();
                        });
            QFAIL("a dropped connection must fail the run");
        } catch (const bitfold::Error& e) {
            QVERIFY2(std::string(e.what()).find("connection lost") != std::string::npos, e.what());
        }
        QVERIFY(!received.empty()); // what arrived before the drop is kept
        QCOMPARE(json::parse(received.front()).at("event").get<std::string>(), std::string("progress"));
        // The watchdog saw the channel close: nothing of the run is left on the host.
        QProcess ps;
        ps.start("pgrep", {"-f", "--", "--images 40000 --batch 16"});
        ps.waitForFinished();
        for (int i = 0; i < 100 && ps.exitCode() == 0; ++i) {
            QThread::msleep(50);
            ps.start("pgrep", {"-f", "--", "--images 40000 --batch 16"});
            ps.waitForFinished();
        }
        QCOMPARE(ps.exitCode(), 1);
    }

    void unknownHostKeyIsRefusedUntilAccepted() {
        SshdServer server;
        if (!server.problem().empty()) QSKIP(server.problem().c_str());
        const RemoteTarget t = server.unknownTarget();
        QVERIFY(!isHostKnown(t));
        try {
            SshHost(t).run({"true"});
            QFAIL("an unknown host key must be refused");
        } catch (const HostKeyError& e) {
            QVERIFY(!e.changed());
        }
        const Run cliRun =
            cli(std::vector<std::string>{"sweep", "--networks", "sfc", "--format", "json"} + remoteArgs(t));
        QCOMPARE(cliRun.code, 2);
        QVERIFY2(cliRun.err.find("host key is not known") != std::string::npos, cliRun.err.c_str());
        // The accept step: the user sees the fingerprint, then it is written.
        const std::vector<HostKey> keys = scanHostKeys(t);
        QVERIFY(!keys.empty());
        QCOMPARE(keys.front().fingerprint, server.hostKeyFingerprint());
        QVERIFY(!isHostKnown(t)); // scanning alone accepts nothing
        acceptHostKeys(t, keys);
        QVERIFY(isHostKnown(t));
        QCOMPARE(SshHost(t).run({"true"}).exitCode, 0);
    }

    void changedHostKeyIsRefused() {
        SshdServer server;
        if (!server.problem().empty()) QSKIP(server.problem().c_str());
        RemoteTarget t = server.target();
        // Another key recorded for the same host and port.
        runCommand({"ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", server.dir() + "/other"});
        std::ifstream pub(server.dir() + "/other.pub");
        std::string type, blob;
        pub >> type >> blob;
        t.knownHostsFile = server.dir() + "/changed_hosts";
        std::ofstream(t.knownHostsFile) << "[127.0.0.1]:" << t.port << ' ' << type << ' ' << blob << '\n';
        try {
            SshHost(t).run({"true"});
            QFAIL("a changed host key must be refused");
        } catch (const HostKeyError& e) {
            QVERIFY2(e.changed(), e.what());
        }
    }

    void missingRemoteBinaryIsNamed() {
        SshdServer server;
        if (!server.problem().empty()) QSKIP(server.problem().c_str());
        const Run r = cli(std::vector<std::string>{"sweep", "--networks", "sfc", "--format", "json"} +
                          remoteArgs(server.target(), "/opt/nowhere/bitfold-cli"));
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.find("'/opt/nowhere/bitfold-cli' cannot run on") != std::string::npos, r.err.c_str());
        QVERIFY(r.out.empty());
    }

    void f1HostReportsNoDevice() {
#ifndef BITFOLD_F1_HOST
        QSKIP("bitfold-f1-host is not built (no XRT)");
#else
        SshdServer server;
        if (!server.problem().empty()) QSKIP(server.problem().c_str());
        const SshHost host(server.target());
        const std::string dir = host.makeRunDir();
        const std::string xclbin = server.dir() + "/bitfold.awsxclbin";
        std::ofstream(xclbin) << "not a real AFI";
        host.upload(xclbin, dir + "/bitfold.awsxclbin");
        std::vector<json> lines;
        const RemoteExit r = host.stream({BITFOLD_F1_HOST, "--xclbin", dir + "/bitfold.awsxclbin", "--params",
                                          (fs::path(bitfold::resourceDir()) / "models" / "mlp64-w1a1").string()},
                                         [&](const std::string& l) { lines.push_back(json::parse(l)); });
        host.removeDir(dir);
        QCOMPARE(r.exitCode, 3);
        QCOMPARE(lines.size(), std::size_t(1));
        QCOMPARE(lines[0].at("event").get<std::string>(), std::string("error"));
        QVERIFY(lines[0].at("message").get<std::string>().find("no usable Xilinx FPGA device") != std::string::npos);
        QCOMPARE(host.run({"test", "-e", dir}).exitCode, 1); // the run directory is gone
#endif
    }
};

QTEST_GUILESS_MAIN(TestRemote)
#include "test_remote.moc"
