#pragma once
// Checking user errors: the message of the bitfold::Error a call throws, and that it names
// every part a user needs (the file, the layer, the value).
#include "bitfold/error.h"

#include <QString>
#include <QtTest>

#include <string>

namespace testerrors {

/// Runs `f` and returns the Error's message, "(no error)" when nothing is thrown.
template <class F>
std::string errorOf(F f) {
    try {
        f();
    } catch (const bitfold::Error& e) {
        return e.what();
    }
    return "(no error)";
}

} // namespace testerrors

#define EXPECT_ERROR_MENTIONS(message, ...)                                                                            \
    do {                                                                                                               \
        const std::string msg_ = (message);                                                                            \
        for (const char* part_ : {__VA_ARGS__})                                                                        \
            QVERIFY2(msg_.find(part_) != std::string::npos,                                                            \
                     qPrintable(QString("'%1' does not mention '%2'").arg(msg_.c_str(), part_)));                      \
    } while (0)
