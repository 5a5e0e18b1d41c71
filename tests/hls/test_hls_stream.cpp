// Tests of the simulation hls_stream.h: FIFO order, non-blocking access, and the empty-read
// failure (a std::runtime_error naming the stream, where Vitis only warns).

#include <ap_int.h>
#include <hls_stream.h>

#include <QTest>

#include <memory>
#include <stdexcept>
#include <string>

class TestHlsStream : public QObject {
    Q_OBJECT

private slots:
    void fifoOrder() {
        hls::stream<int> s("fifo");
        for (int i = 0; i < 1000; ++i) i % 2 ? s.write(i) : void(s << i);
        QCOMPARE(s.size(), std::size_t(1000));
        for (int i = 0; i < 1000; ++i) {
            int v = -1;
            if (i % 3 == 0)
                v = s.read();
            else if (i % 3 == 1)
                s.read(v);
            else
                s >> v;
            QCOMPARE(v, i);
        }
        QVERIFY(s.empty());
    }

    void wideElements() {
        hls::stream<ap_uint<4096>> s("wide");
        ap_uint<4096> v = 1;
        v <<= 4095;
        v[7] = 1;
        s.write(v);
        QVERIFY(s.read() == v);
    }

    void moveOnlyElements() {
        hls::stream<std::unique_ptr<int>> s("owners");
        s.write(std::make_unique<int>(7));
        QCOMPARE(*s.read(), 7);
    }

    void nonBlocking() {
        hls::stream<ap_int<8>, 4> s("nb");
        ap_int<8> v = 5;
        QVERIFY(!s.read_nb(v));
        QCOMPARE(v.to_int(), 5); // untouched on failure
        QVERIFY(!s.full());
        for (int i = 0; i < 10; ++i) // depth is not enforced in simulation
            QVERIFY(s.write_nb(ap_int<8>(-i)));
        QVERIFY(!s.full());
        QVERIFY(s.read_nb(v));
        QCOMPARE(v.to_int(), 0);
        QCOMPARE(s.size(), std::size_t(9));
    }

    void emptyReadThrowsNamingTheStream() {
        hls::stream<int> s("weights");
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, s.read());
        try {
            int v = 0;
            s >> v;
            QFAIL("no exception");
        } catch (const std::runtime_error& e) {
            QVERIFY(std::string(e.what()).find("'weights'") != std::string::npos);
            QVERIFY(std::string(e.what()).find("empty") != std::string::npos);
        }
        s.write(1);
        QCOMPARE(s.read(), 1);
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, s.read());
    }

    void names() {
        QCOMPARE(QByteArray::fromStdString(hls::stream<int>("in0").name()), QByteArray("in0"));
        QCOMPARE(QByteArray::fromStdString(hls::stream<int>(std::string("out")).name()), QByteArray("out"));
        QVERIFY(!hls::stream<int>().name().empty());
    }
};

QTEST_APPLESS_MAIN(TestHlsStream)
#include "test_hls_stream.moc"
