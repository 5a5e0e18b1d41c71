# Every test writes its caches under the build directory: the C-simulation cache is
# BITFOLD_TEST_CACHE, never ~/.cache. BITFOLD_TEST_ENV: the environment of every test (tests added
# with add_test directly use it too).
set(BITFOLD_TEST_CACHE "${CMAKE_BINARY_DIR}/test-cache")
set(BITFOLD_TEST_ENV "BITFOLD_RESOURCES=${BITFOLD_RESOURCE_DIR}" "QT_QPA_PLATFORM=offscreen"
    "BITFOLD_SIM_CACHE=${BITFOLD_TEST_CACHE}")

# bitfold_add_test(NAME SOURCES... [LIBS ...] [LABELS ...] [QT])
# One executable, its links, add_test, and the offscreen Qt platform for GUI tests. Each label
# gets a build target, tests_LABEL, building its tests' executables (scripts/test.sh's asan part).
function(bitfold_add_test name)
  cmake_parse_arguments(T "QT" "TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${name} ${T_SOURCES} ${T_UNPARSED_ARGUMENTS})
  target_link_libraries(${name} PRIVATE ${T_LIBS})
  add_test(NAME ${name} COMMAND ${name})
  set_tests_properties(${name} PROPERTIES ENVIRONMENT "${BITFOLD_TEST_ENV}" LABELS "${T_LABELS}")
  foreach(label ${T_LABELS})
    if(NOT TARGET tests_${label})
      add_custom_target(tests_${label})
    endif()
    add_dependencies(tests_${label} ${name})
  endforeach()
  if(T_TIMEOUT)
    set_tests_properties(${name} PROPERTIES TIMEOUT ${T_TIMEOUT})
  endif()
endfunction()
