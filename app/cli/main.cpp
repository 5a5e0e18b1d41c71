#include "commands.h"

#include <iostream>

int main(int argc, char** argv) {
    return bitfold::cli::run(bitfold::cli::Argv(argv + 1, argv + argc), std::cout, std::cerr);
}
