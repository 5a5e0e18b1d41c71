# BITFOLD_SANITIZE: AddressSanitizer and UndefinedBehaviorSanitizer over everything built
# (scripts/test.sh's sanitizer pass uses it with a Debug build, so assertions run too).
# BITFOLD_FUZZ: the libFuzzer harnesses in tests/fuzz (clang only), sanitizers included.
option(BITFOLD_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
option(BITFOLD_FUZZ "Build the libFuzzer harnesses in tests/fuzz (needs clang)" OFF)

if(BITFOLD_SANITIZE OR BITFOLD_FUZZ)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined -fno-sanitize-recover=all)
endif()
if(BITFOLD_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "BITFOLD_FUZZ needs clang: configure with -DCMAKE_CXX_COMPILER=clang++")
  endif()
  # Coverage feedback for every library the harnesses link; each harness adds -fsanitize=fuzzer.
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
